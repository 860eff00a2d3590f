/**
 * `npm run content:check`: validates every content file without building the site (seconds,
 * not minutes): schemas, legal basis, citations, related pages, links between pages, and the
 * stigmatising-terms rule. The full build runs the same schemas and a link check over dist/.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { ZodType } from "zod";
import { guideSchema } from "../site/src/core/schemas/guide.ts";
import { pageSchema } from "../site/src/core/schemas/page.ts";
import { handoutSchema, lessonSchema } from "../site/src/core/schemas/lesson.ts";
import { legalSourceSchema } from "../site/src/core/schemas/legal-source.ts";
import {
  citedTextsOf,
  claimsCitedIn,
  trainingModuleSchema,
  type TrainingModule,
} from "../site/src/core/schemas/training.ts";
import { phraseCardSetSchema, type PhraseCardSet } from "../site/src/core/schemas/phrase-cards.ts";
import { correctIndex } from "../site/src/core/domain/quiz/score.ts";
import {
  assertLegalBasis,
  assertNoRepealedRules,
  assertTrainingModule,
  citedSourcesIn,
  type ClaimIndex,
} from "../site/src/core/content/checks.ts";
import { loadClaimFiles } from "./lib/legal-claims.ts";
import { findStigmaTerms } from "../site/src/core/content/stigma-terms.ts";
import { findPhoneNumbers } from "../site/src/core/content/phone-numbers.ts";
import { frontmatterOf } from "./lib/translation-status.ts";
import { checkSynonyms } from "./lib/search-synonyms.ts";
import { langCodes } from "../site/src/core/i18n/languages.ts";

export interface Problem {
  file: string;
  message: string;
}

const collections: { name: string; schema: ZodType; legal: boolean }[] = [
  { name: "guides", schema: guideSchema, legal: true },
  { name: "pages", schema: pageSchema, legal: true },
  { name: "lessons", schema: lessonSchema, legal: false },
  { name: "handouts", schema: handoutSchema, legal: false },
  // Training modules cite claims from their frontmatter too: checked by checkTrainingModule.
  { name: "training", schema: trainingModuleSchema, legal: false },
];

/** Sections of the site that are not content files but exist in every language. */
const staticSections = new Set([
  "",
  "guides",
  "where-to-go",
  "register",
  "search",
  "lessons",
  "translations",
  "report",
  "office",
  "training",
]);

function bodyOf(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, "");
}

function slugsIn(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  return new Set(
    readdirSync(dir)
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => f.replace(/\.mdx?$/, "")),
  );
}

export interface CheckOptions {
  /**
   * Fail on rules repealed on 01/07/2026 stated outside a history page. Off until every page is
   * re-based on Law 120/2025 and Decree 163/2026 (issue 12); then on by default.
   */
  repealedRules?: boolean;
}

export function checkContent(
  contentDir: string,
  stringsDir?: string,
  options: CheckOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  const rel = (file: string) => relative(resolve(contentDir, "../.."), file);

  const legalFile = join(contentDir, "legal/sources.yaml");
  const legalIds = new Set<string>();
  const replacedIds = new Set<string>();
  for (const [i, raw] of (
    (parseYaml(readFileSync(legalFile, "utf8")) ?? []) as unknown[]
  ).entries()) {
    const parsed = legalSourceSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          file: rel(legalFile),
          message: `entry ${i + 1}, ${issue.path.join(".")}: ${issue.message}`,
        });
      continue;
    }
    if (legalIds.has(parsed.data.id))
      problems.push({ file: rel(legalFile), message: `duplicate id ${parsed.data.id}` });
    legalIds.add(parsed.data.id);
    if (parsed.data.status === "replaced") replacedIds.add(parsed.data.id);
  }

  const { claims, problems: claimProblems } = loadClaimFiles(join(contentDir, "legal/claims"));
  for (const p of claimProblems) problems.push({ file: rel(p.file), message: p.message });
  const claimsById = new Map(claims.map((c) => [c.id, c]));
  for (const c of claims)
    if (!legalIds.has(c.source))
      problems.push({
        file: "site/content/legal/claims",
        message: `${c.id}: unknown legal source "${c.source}"`,
      });
  const index: ClaimIndex = {
    claim: (id) => claimsById.get(id),
    sourceReplaced: (id) => replacedIds.has(id),
  };

  const guideSlugs = slugsIn(join(contentDir, "guides/vi"));
  const pageSlugs = slugsIn(join(contentDir, "pages/vi"));
  const lessonSlugs = slugsIn(join(contentDir, "lessons/vi"));
  /** Each training module's answer key and scenario steps, by language, to compare vi and en. */
  const trainingKeys = new Map<string, Map<string, string>>();

  const linkOk = (href: string): boolean => {
    const [lang, section = "", slug, sub] = href
      .split(/[?#]/)[0]!
      .replace(/^\/|\/$/g, "")
      .split("/");
    if (!langCodes.includes(lang as never)) return false;
    if (section === "guides" && slug) return guideSlugs.has(slug);
    if (section === "lessons" && slug && !sub) return lessonSlugs.has(slug);
    if (pageSlugs.has(section) && !slug) return true;
    return staticSections.has(section);
  };

  for (const { name, schema, legal } of collections) {
    const root = join(contentDir, name);
    if (!existsSync(root)) continue;
    for (const lang of readdirSync(root)) {
      const dir = join(root, lang);
      if (!langCodes.includes(lang as never)) {
        problems.push({ file: rel(dir), message: `unknown language folder "${lang}"` });
        continue;
      }
      for (const f of readdirSync(dir).filter((f) => /\.mdx?$/.test(f))) {
        const file = join(dir, f);
        const text = readFileSync(file, "utf8");
        const body = bodyOf(text);
        const data = frontmatterOf(text);
        const parsed = schema.safeParse(data);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            problems.push({
              file: rel(file),
              message: `${issue.path.join(".") || "(frontmatter)"}: ${issue.message}`,
            });
          continue;
        }
        const value = parsed.data as Record<string, unknown>;
        if (lang !== "vi" && !value.translation)
          problems.push({ file: rel(file), message: "a translation needs a translation: block" });
        if (legal) {
          try {
            assertLegalBasis(rel(file), value as never, body, index);
            if (options.repealedRules)
              assertNoRepealedRules(rel(file), value as never, body, index);
          } catch (e) {
            problems.push({ file: rel(file), message: (e as Error).message });
          }
          for (const c of value.legalBasis as (string | { source: string })[]) {
            if (typeof c === "string") {
              if (!claimsById.has(c))
                problems.push({ file: rel(file), message: `legalBasis: unknown claim "${c}"` });
            } else if (!legalIds.has(c.source))
              problems.push({
                file: rel(file),
                message: `legalBasis: unknown legal source "${c.source}"`,
              });
          }
          for (const s of citedSourcesIn(body))
            if (!legalIds.has(s))
              problems.push({
                file: rel(file),
                message: `<Cite source="${s}">: unknown legal source`,
              });
        }
        for (const slug of (value.related as string[] | undefined) ?? [])
          if (!guideSlugs.has(slug))
            problems.push({ file: rel(file), message: `related: no guide "${slug}"` });
        for (const slug of (value.relatedGuides as string[] | undefined) ?? [])
          if (!guideSlugs.has(slug))
            problems.push({ file: rel(file), message: `relatedGuides: no guide "${slug}"` });
        if (name === "training")
          checkTrainingModule(
            rel(file),
            lang,
            f,
            value as TrainingModule,
            body,
            index,
            problems,
            trainingKeys,
          );
        if (name === "handouts" && !lessonSlugs.has(String(value.lesson)))
          problems.push({ file: rel(file), message: `lesson: no lesson "${value.lesson}"` });
        for (const m of text.matchAll(/\]\((\/[^)\s]*)\)|href="(\/[^"]*)"/g)) {
          const href = (m[1] ?? m[2])!;
          if (!linkOk(href))
            problems.push({ file: rel(file), message: `link to ${href}: no such page` });
          else if (!href.startsWith(`/${lang}/`) && lang !== "vi")
            problems.push({
              file: rel(file),
              message: `link to ${href} leaves the page's language (${lang})`,
            });
        }
        for (const hit of findStigmaTerms(text))
          problems.push({
            file: rel(file),
            message: `stigmatising term "${hit.text}" (${hit.term}); see site/content/README.md`,
          });
        for (const hit of findPhoneNumbers(text))
          problems.push({
            file: rel(file),
            message: `phone number "${hit.text}" is not on the publishable list (site/src/core/content/phone-numbers.ts); numbers come only from cited provider data`,
          });
      }
    }
  }

  for (const [slug, byLang] of trainingKeys) {
    const vi = byLang.get("vi");
    if (!vi) {
      problems.push({ file: `site/content/training/${slug}`, message: "no Vietnamese source" });
      continue;
    }
    for (const [lang, shape] of byLang)
      if (shape !== vi)
        problems.push({
          file: `site/content/training/${lang}/${slug}.mdx`,
          message:
            "the quiz (answer key, number of options) and the scenario steps must match the Vietnamese source, so scores and certificates mean the same in every language",
        });
  }
  checkPhraseCards(contentDir, index, problems);

  // The words people type for a page (site/content/search/synonyms/).
  for (const p of checkSynonyms(contentDir))
    problems.push({ file: rel(p.file), message: p.message });

  if (stringsDir) {
    for (const f of readdirSync(stringsDir).filter((f) => f.endsWith(".json"))) {
      const strings = JSON.parse(readFileSync(join(stringsDir, f), "utf8")) as Record<
        string,
        string
      >;
      for (const [key, value] of Object.entries(strings)) {
        for (const hit of findStigmaTerms(value))
          problems.push({
            file: `site/src/i18n/strings/${f}`,
            message: `${key}: stigmatising term "${hit.text}"`,
          });
        for (const hit of findPhoneNumbers(value))
          problems.push({
            file: `site/src/i18n/strings/${f}`,
            message: `${key}: phone number "${hit.text}" is not on the publishable list`,
          });
      }
    }
  }
  return problems;
}

/** The rules a schema cannot express for one training module (see assertTrainingModule). */
function checkTrainingModule(
  file: string,
  lang: string,
  fileName: string,
  m: TrainingModule,
  body: string,
  index: ClaimIndex,
  problems: Problem[],
  keys: Map<string, Map<string, string>>,
): void {
  try {
    assertTrainingModule(
      `training/${lang}/${fileName.replace(/\.mdx?$/, "")}`,
      m,
      claimsCitedIn(m),
      citedTextsOf(m),
      body,
      index,
    );
  } catch (e) {
    problems.push({ file, message: (e as Error).message });
  }
  for (const c of m.legalBasis)
    if (typeof c === "string" && !index.claim(c))
      problems.push({ file, message: `legalBasis: unknown claim "${c}"` });
  const slug = fileName.replace(/\.mdx?$/, "");
  const shape = JSON.stringify({
    key: m.quiz.map(correctIndex),
    options: m.quiz.map((q) => q.options.length),
    nodes: m.scenario.nodes.map((n) => [n.id, n.choices.map((c) => c.next)]),
    start: m.scenario.start,
    track: m.track,
    order: m.order,
    law: m.lawVersion,
  });
  if (!keys.has(slug)) keys.set(slug, new Map());
  keys.get(slug)!.set(lang, shape);
}

/** Phrase cards: the Vietnamese source cites claims that exist and are not [U]; each language translates every card. */
function checkPhraseCards(contentDir: string, index: ClaimIndex, problems: Problem[]): void {
  const dir = join(contentDir, "phrase-cards");
  if (!existsSync(dir)) return;
  const sets = new Map<string, PhraseCardSet>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const file = `site/content/phrase-cards/${f}`;
    const parsed = phraseCardSetSchema.safeParse(parseYaml(readFileSync(join(dir, f), "utf8")));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ file, message: `${issue.path.join(".")}: ${issue.message}` });
      continue;
    }
    if (f !== `${parsed.data.lang}.yaml`)
      problems.push({ file, message: `lang "${parsed.data.lang}" does not match the file name` });
    sets.set(parsed.data.lang, parsed.data);
    for (const card of parsed.data.cards)
      for (const hit of [...findStigmaTerms(card.text), ...findPhoneNumbers(card.text)])
        problems.push({ file, message: `${card.id}: "${hit.text}" is not allowed in content` });
  }
  const source = sets.get("vi");
  if (!source || source.lang !== "vi") {
    problems.push({ file: "site/content/phrase-cards", message: "no vi.yaml source" });
    return;
  }
  for (const card of source.cards)
    for (const id of card.claims) {
      const claim = index.claim(id);
      if (!claim)
        problems.push({
          file: "site/content/phrase-cards/vi.yaml",
          message: `${card.id}: no claim "${id}"`,
        });
      else if (claim.confidence === "U" || index.sourceReplaced(claim.source))
        problems.push({
          file: "site/content/phrase-cards/vi.yaml",
          message: `${card.id}: "${id}" is [U] or repealed and cannot be stated`,
        });
    }
  for (const [lang, set] of sets) {
    if (lang === "vi") continue;
    const ids = new Set(set.cards.map((c) => c.id));
    for (const card of source.cards)
      if (!ids.has(card.id))
        problems.push({
          file: `site/content/phrase-cards/${lang}.yaml`,
          message: `no card "${card.id}"`,
        });
    for (const id of ids)
      if (!source.cards.some((c) => c.id === id))
        problems.push({
          file: `site/content/phrase-cards/${lang}.yaml`,
          message: `"${id}" is not in vi.yaml`,
        });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, "..");
  const problems = checkContent(join(root, "site/content"), join(root, "site/src/i18n/strings"));
  for (const p of problems) console.error(`${p.file}: ${p.message}`);
  console.log(
    problems.length
      ? `content check: ${problems.length} problem(s)`
      : "content check: all content files are valid",
  );
  process.exit(problems.length ? 1 : 0);
}
