/** A guidance page: one file per language, same slug; Vietnamese is the source. */
import { z } from "zod";
import { translationMeta } from "./translation.ts";

export const audiences = ["residents", "families", "young-people", "schools", "officers"] as const;
export const guideTopics = [
  "treatment",
  "registration",
  "costs",
  "after-care",
  "families",
  "young-people",
  "emergencies",
  "rights",
  "law-changes",
] as const;

/**
 * What a page rests on: the id of a statement in site/content/legal/claims/ (preferred: it carries
 * its article and confidence), or a whole document in site/content/legal/sources.yaml.
 */
export const citationSchema = z.union([
  z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  z.object({
    /** id of an entry in site/content/legal/sources.yaml */
    source: z.string().min(1),
    /** Article and clause as printed, e.g. "Điều 30" / "Article 30"; omit for the whole text. */
    article: z.string().optional(),
  }),
]);
export type Citation = z.infer<typeof citationSchema>;

export const guideSchema = z.object({
  title: z.string().min(3).max(120),
  /** One or two sentences: the key fact first. */
  summary: z
    .string()
    .min(10)
    .max(320)
    .refine((s) => (s.match(/[.!?](\s|$)/g) ?? []).length <= 2, {
      message: "the summary must be one or two sentences",
    }),
  audience: z.array(z.enum(audiences)).min(1),
  topic: z.enum(guideTopics),
  legalBasis: z.array(citationSchema).default([]),
  lastReviewed: z.coerce.date(),
  /** Slugs of related guides (checked to exist at build). */
  related: z.array(z.string()).default([]),
  /** Rules the decree implementing Law 120/2025/QH15 may change: the page shows a notice. */
  pendingDecree: z.boolean().default(false),
  /**
   * A page about the rules before 01/07/2026: the only kind that may cite repealed rules
   * (procedure 1.010941, 3 or 5 working days, 6-12 months, 95%), and only as history.
   */
  history: z.boolean().default(false),
  /** Position in the guide list. */
  order: z.number().int().default(100),
  translation: translationMeta.optional(),
});
