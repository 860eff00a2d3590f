/**
 * One example page of every page template, by path under the language prefix. The axe layer
 * checks each in every language it exists in; other browser tests pick from here too.
 * Pages the Worker renders from a POST (check answers, receipt, status result, errors) are
 * reached by submitting forms in tests/axe/dynamic-pages.test.ts.
 */
import { langCodes, type Lang } from "../../site/src/core/i18n/languages.ts";
import { steps } from "../../site/src/core/schemas/registration/fields.ts";

export interface Template {
  path: string;
  langs?: Lang[];
}

/** Every step of the registration journey (the field list decides them). */
const registerSteps = steps.map((s) => s.id);

export const pageTemplates: Record<string, Template> = {
  home: { path: "" },
  "guides index": { path: "guides/" },
  guide: { path: "guides/how-to-register/" },
  "worry guide": { path: "guides/who-will-know/" },
  "information page": { path: "about/" },
  essentials: { path: "essentials/" },
  privacy: { path: "privacy/" },
  "translation status": { path: "translations/" },
  "report a mistake": { path: "report/" },
  "report sent": { path: "report/thanks/" },
  "not found": { path: "this-page-does-not-exist/" },
  search: { path: "search/" },
  "where to go": { path: "where-to-go/" },
  province: { path: "where-to-go/dien-bien/" },
  "former names A-Z": { path: "where-to-go/dien-bien/former-names/" },
  commune: { path: "where-to-go/dien-bien/xa-tuan-giao-03253/", langs: ["vi", "en"] },
  "listings by type": { path: "where-to-go/type/substitution-clinic/" },
  "lessons index": { path: "lessons/" },
  lesson: { path: "lessons/primary-saying-no/" },
  worksheet: { path: "lessons/primary-saying-no/worksheet/" },
  quiz: { path: "lessons/primary-saying-no/quiz/" },
  "answer key": { path: "lessons/primary-saying-no/answer-key/" },
  handout: { path: "lessons/primary-saying-no/handout/", langs: ["hmn", "blt", "km"] },
  "teacher's guide": { path: "teachers-guide/" },
  "register: start": { path: "register/" },
  ...Object.fromEntries(registerSteps.map((s) => [`register: ${s}`, { path: `register/${s}/` }])),
  "register: under 12": { path: "register/under-12/" },
  "register: print (nothing to print yet)": { path: "register/print/" },
  "register: a page from before the change": { path: "register/outdated/" },
  "register: status form": { path: "register/status/" },
  "office inbox": { path: "office/" },
  ...trainingTemplates(),
};

/** Staff training: modules exist in vi and en; the index in every language; phrase cards in hmn, blt, km. */
function trainingTemplates(): Record<string, Template> {
  const langs: Lang[] = ["vi", "en"];
  const m = "training/police-24-hours/";
  return {
    "training index": { path: "training/" },
    "training module": { path: m, langs },
    "training practice step": { path: `${m}practice/start/`, langs },
    "training practice end": { path: `${m}practice/good/`, langs },
    "training answer key": { path: `${m}results/`, langs },
    "training certificate": { path: `${m}certificate/`, langs },
    "training job aid": { path: `${m}job-aid/`, langs },
    "trainer mode": { path: `${m}trainer/`, langs },
    "trainer slides": { path: `${m}slides/`, langs },
    "trainer handout": { path: `${m}handout/`, langs },
    "attendance sheet": { path: `${m}attendance/`, langs },
    "offline pack": { path: `${m}offline.html`, langs },
    "certificate check": { path: "training/verify/", langs },
    "phrase cards": { path: "training/phrase-cards/", langs: ["hmn", "blt", "km"] },
  };
}

export function templateLangs(t: Template): Lang[] {
  return t.langs ?? langCodes;
}
