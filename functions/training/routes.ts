/**
 * Staff training without JavaScript (issue 18). Three form posts, each answered with the site's
 * own static page filled in (functions/render/template.ts). Nothing is stored and nothing personal
 * is logged: the learner's answers and name exist only in the request and the page sent back.
 *  - POST /<lang>/training/<module>/check/   a quiz: before the reading, the module page with the
 *    score (carried to the post-test in a hidden field); after it, the feedback page.
 *  - POST /<lang>/training/<module>/certificate/   the answers again and a name: the Worker scores
 *    them itself and, on a pass, signs the certificate (site/src/core/domain/certificates/).
 *  - POST /<lang>/training/verify/   checks a certificate with the key the built page trusts.
 * Scoring and verification are the functions the islands run on the device, so both paths agree.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { field, parseBody, RequestProblem, type FormFields } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t, type Lang, type StringKey } from "../http/i18n.ts";
import { renderTemplate } from "../render/template.ts";
import {
  answerField,
  answersFrom,
  passBand,
  scoreAnswers,
  type Answers,
} from "../../site/src/core/domain/quiz/score.ts";
import { trainingLangs } from "../../site/src/core/schemas/training.ts";
import { certificateNameSchema } from "../../site/src/core/schemas/certificate.ts";
import {
  signCertificate,
  verifyCertificate,
} from "../../site/src/core/domain/certificates/certificate.ts";
import { lawVersions, type CatalogModule } from "../../site/src/core/domain/training/catalog.ts";
import { verifyView } from "../../site/src/core/domain/training/verify-view.ts";
import { vietnamDate } from "../../site/src/core/domain/time/vietnam.ts";
import { trainingCatalog } from "./catalog.ts";
import { signingKey } from "./signing.ts";

type C = Context<AppEnv>;
/** The training forms are small: answers and a name (parseBody reads them, within 8 KiB). */
const form = () => parseBody(8 * 1024, "form");

function trainingLang(value: string | undefined): Lang | undefined {
  return (trainingLangs as readonly string[]).includes(value ?? "") ? (value as Lang) : undefined;
}

function readForm(c: C): FormFields {
  return c.get("body").fields;
}

/** The module of the path, in a language modules exist in; otherwise the site's 404. */
async function moduleOf(
  c: C,
): Promise<{ lang: Lang; slug: string; module: CatalogModule } | undefined> {
  const lang = trainingLang(c.req.param("lang"));
  const slug = c.req.param("module") ?? "";
  if (!lang) return undefined;
  const module = (await trainingCatalog(c.env, c.req.url)).modules[slug];
  return module ? { lang, slug, module } : undefined;
}

async function notFound(c: C): Promise<Response> {
  const lang = c.req.param("lang");
  const page = await c.env.ASSETS.fetch(
    new Request(new URL(trainingLang(lang) ? `/${lang}/404.html` : "/404.html", c.req.url)),
  );
  return new Response(page.body, { status: 404, headers: page.headers });
}

function answersOf(fields: FormFields, module: CatalogModule): Answers {
  return answersFrom((name) => {
    const v = fields[name];
    // A question answered twice with different values is not answered.
    if (Array.isArray(v)) return new Set(v).size === 1 ? v[0] : undefined;
    return v;
  }, module.optionCounts);
}

/** The answers as hidden fields, for the certificate request that follows a pass. */
function answerFields(answers: Answers): Record<string, string> {
  return Object.fromEntries(
    answers.flatMap((a, i) => (a === undefined ? [] : [[answerField(i), String(a)]])),
  );
}

function bandOf(module: CatalogModule, score: number) {
  return passBand(score, module.key.length, module);
}

async function check(c: C) {
  const found = await moduleOf(c);
  if (!found) return notFound(c);
  const { lang, slug, module } = found;
  const fields = readForm(c);
  const answers = answersOf(fields, module);
  const total = module.key.length;
  const score = scoreAnswers(module.key, answers);
  const base = `/${lang}/training/${slug}/`;

  if (field(fields, "phase") === "pre") {
    return renderTemplate(c.env, c.req.url, base, {
      status: 200,
      flags: { "pre-done": true },
      slots: { "pre-score": t(lang, "train.quiz.preScore", { score, total }) },
      hidden: { pre: String(score) },
    });
  }

  const preRaw = field(fields, "pre");
  const pre = /^\d{1,2}$/.test(preRaw) && Number(preRaw) <= total ? Number(preRaw) : undefined;
  const band = bandOf(module, score);
  const flags: Record<string, boolean> = {
    scored: true,
    "has-pre": pre !== undefined,
    passed: !!band,
    "not-passed": !band,
  };
  answers.forEach((a, i) => {
    flags[`q${i}-${a === undefined ? "none" : a === module.key[i] ? "right" : "wrong"}`] = true;
    if (a !== undefined) flags[`q${i}-o${a}`] = true;
  });
  return renderTemplate(c.env, c.req.url, `${base}results/`, {
    status: 200,
    flags,
    slots: {
      score: t(lang, "train.quiz.postScore", { score, total }),
      compare: pre === undefined ? "" : t(lang, "train.quiz.compare", { pre, post: score, total }),
      band: band ? t(lang, `train.band.${band}` as StringKey) : "",
    },
    hidden: band ? answerFields(answers) : {},
  });
}

async function certificate(c: C) {
  const found = await moduleOf(c);
  if (!found) return notFound(c);
  const { lang, slug, module } = found;
  const fields = readForm(c);
  const template = `/${lang}/training/${slug}/certificate/`;
  const posted = { posted: true };

  if (c.get("rateLimited")) throw new RequestProblem(429, "rate-limited");

  const answers = answersOf(fields, module);
  const band = bandOf(module, scoreAnswers(module.key, answers));
  if (!band)
    return renderTemplate(c.env, c.req.url, template, {
      status: 400,
      flags: { ...posted, "not-passed": true },
    });

  const name = certificateNameSchema.safeParse(field(fields, "name"));
  if (!name.success)
    return renderTemplate(c.env, c.req.url, template, {
      flags: { ...posted, request: true },
      values: { name: field(fields, "name") },
      errors: [{ field: "name", message: t(lang, name.error.issues[0]!.message as StringKey) }],
      errorPrefix: t(lang, "form.errorPrefix"),
      hidden: answerFields(answers),
    });

  const catalog = await trainingCatalog(c.env, c.req.url);
  const key = await signingKey(c.env, catalog.trust);
  if (!key.ok) {
    // The operator's mistake, not the learner's: say which, never with the learner's data.
    console.error(JSON.stringify({ event: "certificate-key", problem: key.reason }));
    return renderTemplate(c.env, c.req.url, template, {
      status: 503,
      flags: { ...posted, unavailable: true },
    });
  }
  const date = vietnamDate(new Date());
  const { code } = await signCertificate(key.jwk, key.env, {
    name: name.data,
    module: slug,
    law: module.law,
    date,
    band,
  });
  return renderTemplate(c.env, c.req.url, template, {
    status: 200,
    flags: { ...posted, issued: true },
    slots: {
      name: name.data,
      band: t(lang, `train.band.${band}` as StringKey),
      date: date.split("-").reverse().join("/"),
      code,
    },
    hidden: { certificate: code },
  });
}

async function verify(c: C) {
  const lang = trainingLang(c.req.param("lang"));
  if (!lang) return notFound(c);
  const fields = readForm(c);
  const template = `/${lang}/training/verify/`;
  const code = field(fields, "certificate").slice(0, 4000);
  if (code.trim() === "")
    return renderTemplate(c.env, c.req.url, template, {
      errors: [{ field: "certificate", message: t(lang, "train.verify.error.missing") }],
      errorPrefix: t(lang, "form.errorPrefix"),
    });
  const catalog = await trainingCatalog(c.env, c.req.url);
  const result = await verifyCertificate(code, catalog.trust, lawVersions(catalog));
  const view = verifyView(result, lang, catalog, {
    lawVersion: t(lang, "train.lawVersion", { texts: "{texts}", date: "{date}" }),
    band: { pass: t(lang, "train.band.pass"), distinction: t(lang, "train.band.distinction") },
  });
  return renderTemplate(c.env, c.req.url, template, {
    status: 200,
    values: { certificate: code },
    flags: view.flags,
    slots: view.slots,
  });
}

export const trainingPages = new Hono<AppEnv>()
  .post("/:lang/training/verify/", form(), verify)
  .post("/:lang/training/:module/check/", form(), check)
  // The check page exists only as an answer to a post: a bookmark or reload goes to the module.
  .get("/:lang/training/:module/check/", (c) =>
    c.redirect(`/${c.req.param("lang")}/training/${c.req.param("module")}/`, 303),
  )
  .post("/:lang/training/:module/certificate/", form(), rateLimit("certificate"), certificate);
