/**
 * Staff training (issue 18): three tracks of modules for the people who receive, counsel and
 * treat. A module reuses the lesson engine's parts: the quiz (with explanations, taken before
 * and after the reading), printable pages (the A4 job aid, trainer handouts) and the MDX body
 * as the short reading. Each module names the law version it was checked against; certificates
 * carry that version, so a later change marks older certificates as checked against older law.
 */
import { z } from "zod";
import { translationMeta } from "./translation.ts";
import { citationSchema } from "./guide.ts";
import { quizQuestionSchema } from "./quiz.ts";

export const trainingTracks = ["commune-police", "commune-counsellor", "provider-staff"] as const;

/** Languages a module is written in: Vietnamese, and English for reviewers. */
export const trainingLangs = ["vi", "en"] as const;
export type TrainingLang = (typeof trainingLangs)[number];

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const claimId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/);

/** The texts (ids in site/content/legal/sources.yaml) a module was checked against, and when. */
export const lawVersionSchema = z.object({
  texts: z.array(slug).min(1),
  checked: z.coerce.date(),
});
export type LawVersion = z.infer<typeof lawVersionSchema>;

/** "law-120-2025+decree-163-2026@2026-11-29": what a certificate records. */
export function lawVersionId(v: LawVersion): string {
  return `${v.texts.join("+")}@${v.checked.toISOString().slice(0, 10)}`;
}

/** A statement that may rest on law: the text and the claims (ids) it cites. */
const citedText = z.object({
  text: z.string().min(1),
  claims: z.array(claimId).default([]),
});

/**
 * A branching practice scenario: each node is a page; its choices are links to the next node. A
 * node without choices ends the scenario and gives the model answer.
 */
export const scenarioNodeSchema = z
  .object({
    id: slug,
    /** What happens (and, after a choice, how that choice went). */
    text: z.string().min(1),
    choices: z
      .array(z.object({ text: z.string().min(1), next: slug }))
      .max(4)
      .default([]),
    /** The model answer, on an end node: what a good response says and does. */
    modelAnswer: z.string().min(1).optional(),
    claims: z.array(claimId).default([]),
  })
  .refine((n) => n.choices.length > 0 || n.modelAnswer !== undefined, {
    message: "a node without choices ends the scenario and needs a modelAnswer",
    path: ["modelAnswer"],
  });

export const scenarioSchema = z
  .object({
    title: z.string().min(1),
    /** The first node's id. */
    start: slug,
    nodes: z.array(scenarioNodeSchema).min(3),
  })
  .superRefine((s, ctx) => {
    const ids = new Set(s.nodes.map((n) => n.id));
    if (ids.size !== s.nodes.length)
      ctx.addIssue({ code: "custom", message: "node ids must be unique", path: ["nodes"] });
    if (!ids.has(s.start))
      ctx.addIssue({ code: "custom", message: `no node "${s.start}"`, path: ["start"] });
    for (const n of s.nodes)
      for (const c of n.choices)
        if (!ids.has(c.next))
          ctx.addIssue({
            code: "custom",
            message: `${n.id}: no node "${c.next}"`,
            path: ["nodes"],
          });
    // Every node is reachable from the start, and at least one choice really branches.
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const c of s.nodes.find((n) => n.id === id)?.choices ?? []) visit(c.next);
    };
    visit(s.start);
    for (const n of s.nodes)
      if (!seen.has(n.id))
        ctx.addIssue({ code: "custom", message: `${n.id} is not reachable`, path: ["nodes"] });
    if (!s.nodes.some((n) => new Set(n.choices.map((c) => c.next)).size >= 2))
      ctx.addIssue({ code: "custom", message: "no node branches", path: ["nodes"] });
  });

/** The one-page A4 job aid: short sections of checks, each rule with its claims. */
export const jobAidSchema = z.object({
  title: z.string().min(1),
  sections: z
    .array(z.object({ heading: z.string().min(1), items: z.array(citedText).min(1).max(7) }))
    .min(2)
    .max(5),
});

export const trainingModuleSchema = z.object({
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(320),
  track: z.enum(trainingTracks),
  /** Position within the track. */
  order: z.number().int(),
  durationMinutes: z.number().int().min(20).max(240),
  objectives: z.array(z.string().min(1)).min(2).max(6),
  /** What the module teaches, in short: slides and handouts print these. */
  keyPoints: z.array(citedText).min(3).max(8),
  lawVersion: lawVersionSchema,
  scenario: scenarioSchema,
  /** Taken before the reading (score only) and after it (score, feedback and explanations). */
  quiz: z
    .array(quizQuestionSchema)
    .min(8)
    .max(12)
    .refine((qs) => qs.every((q) => q.explanation), {
      message: "every training question needs an explanation",
    }),
  jobAid: jobAidSchema,
  /** Practice standards the module follows (UNODC/WHO), as the research notes cite them. */
  evidence: z.array(z.object({ source: z.string().min(1), note: z.string().optional() })).min(1),
  legalBasis: z.array(citationSchema).min(1),
  lastReviewed: z.coerce.date(),
  translation: translationMeta.optional(),
});
export type TrainingModule = z.infer<typeof trainingModuleSchema>;

/** Every claim id a module cites anywhere (frontmatter): all must be in its legalBasis. */
export function claimsCitedIn(m: TrainingModule): string[] {
  return [
    ...m.keyPoints.flatMap((k) => k.claims),
    ...m.scenario.nodes.flatMap((n) => n.claims),
    ...m.quiz.flatMap((q) => q.claims),
    ...m.jobAid.sections.flatMap((s) => s.items.flatMap((i) => i.claims)),
  ];
}

/** Every text of a module's frontmatter with the claims it cites, for the content rules. */
export function citedTextsOf(m: TrainingModule): { text: string; claims: string[] }[] {
  const plain = (text: string | undefined) => (text ? [{ text, claims: [] }] : []);
  return [
    ...plain(m.title),
    ...plain(m.summary),
    ...m.objectives.flatMap(plain),
    ...m.keyPoints,
    ...plain(m.scenario.title),
    ...m.scenario.nodes.flatMap((n) => [
      { text: `${n.text} ${n.modelAnswer ?? ""}`, claims: n.claims },
      ...n.choices.flatMap((c) => plain(c.text)),
    ]),
    ...m.quiz.flatMap((q) => [
      { text: `${q.prompt} ${q.explanation ?? ""}`, claims: q.claims },
      ...q.options.flatMap((o) => [...plain(o.text), ...plain(o.feedback)]),
    ]),
    ...plain(m.jobAid.title),
    ...m.jobAid.sections.flatMap((s) => [...plain(s.heading), ...s.items]),
    ...m.evidence.flatMap((e) => [...plain(e.source), ...plain(e.note)]),
  ];
}
