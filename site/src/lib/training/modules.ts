/**
 * Training modules at build time: their paths, their entries in the reader's language (Vietnamese
 * and English; other languages read the Vietnamese), legal references as text (for the quiz island
 * and the offline pack), the law version label and the catalog the Worker reads.
 */
import { getCollection, getEntry } from "astro:content";
import type { Lang } from "../../core/i18n/languages.ts";
import { lookup, useTranslations, type StringKey } from "../../core/i18n/translate.ts";
import { formatArticle } from "../../core/format/legal-articles.ts";
import { localizedEntry, sourceSlugs, type LocalizedEntry } from "../content.ts";
import {
  lawVersionId,
  trainingLangs,
  trainingTracks,
  type LawVersion,
  type TrainingLang,
} from "../../core/schemas/training.ts";
import { correctIndex, defaultPassRule } from "../../core/domain/quiz/score.ts";
import { lawVersionParts, type TrainingCatalog } from "../../core/domain/training/catalog.ts";
import type { QuizCite } from "../../islands/Quiz.tsx";
import { certificateTrust } from "./trust.ts";

export type ModuleEntry = LocalizedEntry<"training">;

export function isTrainingLang(lang: Lang): lang is TrainingLang {
  return (trainingLangs as readonly string[]).includes(lang);
}

/** Module pages exist in Vietnamese and English. */
export async function modulePaths() {
  const slugs = await sourceSlugs("training");
  return trainingLangs.flatMap((lang) => slugs.map((module) => ({ params: { lang, module } })));
}

export async function moduleEntry(lang: Lang, slug: string): Promise<ModuleEntry> {
  return localizedEntry("training", lang, slug);
}

/** Every module in the reader's language (Vietnamese for hmn, blt, km), by track and order. */
export async function modulesByTrack(lang: Lang) {
  const slugs = await sourceSlugs("training");
  const entries = await Promise.all(
    slugs.map((s) => localizedEntry("training", isTrainingLang(lang) ? lang : "vi", s)),
  );
  return trainingTracks.map((track) => ({
    track,
    modules: entries
      .filter((e) => e.entry.data.track === track)
      .sort((a, b) => a.entry.data.order - b.entry.data.order),
  }));
}

/** "law-120-2025" → "Luật 120/2025/QH15" in the given language. */
export async function sourceNames(lang: Lang): Promise<Record<string, string>> {
  const sources = await getCollection("legal");
  return Object.fromEntries(
    sources.map((s) => [
      s.data.id,
      `${lookup(lang, `legal.kind.${s.data.kind}` as StringKey).text} ${s.data.number}`,
    ]),
  );
}

/** "Luật 120/2025/QH15 + Nghị định 163/2026/NĐ-CP, đối chiếu ngày 29/11/2026". */
export async function lawVersionLabel(lang: Lang, version: LawVersion): Promise<string> {
  const parts = lawVersionParts(lawVersionId(version), await sourceNames(lang));
  return useTranslations(lang)("train.lawVersion", parts);
}

/** A statement's source and article as text, for places that are not Astro components. */
export async function claimCites(lang: Lang, ids: string[]): Promise<QuizCite[]> {
  const names = await sourceNames(lang === "en" ? "en" : "vi");
  return Promise.all(
    ids.map(async (id) => {
      const claim = await getEntry("claims", id);
      if (!claim) throw new Error(`unknown claim "${id}"`);
      const article = claim.data.article ? `, ${formatArticle(lang, claim.data.article)}` : "";
      return {
        text: `${names[claim.data.source]}${article}`,
        marked: claim.data.confidence === "S",
      };
    }),
  );
}

/** The UI strings the quiz island needs. */
export function quizLabels(lang: Lang): Record<string, string> {
  const t = useTranslations(lang);
  const keys = [
    "quiz.again",
    "quiz.score",
    "quiz.correct",
    "quiz.incorrect",
    "quiz.correctAnswer",
    "quiz.unanswered",
    "quiz.question",
    "legal.mark.S",
    "train.quiz.preScore",
    "train.quiz.postScore",
    "train.quiz.compare",
    "train.quiz.preNext",
    "train.quiz.notPassed",
    "train.quiz.notPassedNext",
    "train.quiz.passedNext",
    "train.quiz.submit.pre",
    "train.quiz.submit.post",
    "train.band.pass",
    "train.band.distinction",
    "train.cert.requestHeading",
    "train.cert.requestIntro",
    "train.cert.nameLabel",
    "train.cert.nameHint",
    "train.cert.request",
  ] as const;
  return Object.fromEntries(keys.map((k) => [k, t(k)]));
}

/** The quiz island's questions: the module's, with their legal references as text. */
export async function quizQuestions(lang: Lang, m: ModuleEntry) {
  return Promise.all(
    m.entry.data.quiz.map(async (q) => ({
      kind: q.kind,
      prompt: q.prompt,
      options: q.options,
      explanation: q.explanation,
      cites: await claimCites(lang, q.claims),
    })),
  );
}

/** dist/training/catalog.json: see site/src/core/domain/training/catalog.ts. */
export async function buildCatalog(): Promise<TrainingCatalog> {
  const slugs = await sourceSlugs("training");
  const modules: TrainingCatalog["modules"] = {};
  for (const slug of slugs) {
    const vi = (await moduleEntry("vi", slug)).entry.data;
    const en = (await moduleEntry("en", slug)).entry.data;
    modules[slug] = {
      track: vi.track,
      law: lawVersionId(vi.lawVersion),
      key: vi.quiz.map(correctIndex),
      optionCounts: vi.quiz.map((q) => q.options.length),
      passMark: defaultPassRule.passMark,
      distinctionMark: defaultPassRule.distinctionMark,
      title: { vi: vi.title, en: en.title },
    };
  }
  return {
    trust: await certificateTrust(),
    sourceNames: { vi: await sourceNames("vi"), en: await sourceNames("en") },
    modules,
  };
}
