/**
 * A school prevention lesson (UNODC/WHO standards: interactive, skills-based; no scare tactics).
 * Structured fields drive the lesson page, its printable worksheet and the quiz; the MDX body
 * holds the teacher notes.
 */
import { z } from "zod";
import { translationMeta } from "./translation.ts";
import { citationSchema } from "./guide.ts";
import { quizQuestionSchema } from "./quiz.ts";

export const gradeBands = ["primary", "lower-secondary", "upper-secondary"] as const;

export const worksheetActivitySchema = z.object({
  heading: z.string().min(1),
  prompt: z.string().min(1),
  /** How the answer space prints: ruled lines, a list of items to tick, or a two-column table. */
  answer: z.enum(["lines", "tick-list", "table"]).default("lines"),
  lines: z.number().int().min(1).max(12).default(3),
  items: z.array(z.string()).default([]),
  columns: z.array(z.string()).default([]),
});

export const worksheetSchema = z.object({
  title: z.string().min(1),
  instructions: z.string().min(1),
  activities: z.array(worksheetActivitySchema).min(1).max(6),
});

export const lessonSchema = z
  .object({
    title: z.string().min(3).max(120),
    summary: z.string().min(10).max(320),
    band: z.enum(gradeBands),
    /** Position within the band. */
    order: z.number().int().default(100),
    objectives: z.array(z.string().min(1)).min(2),
    durationMinutes: z.number().int().min(20).max(90),
    materials: z.array(z.string().min(1)).min(1),
    steps: z
      .array(
        z.object({
          title: z.string().min(1),
          minutes: z.number().int().min(1),
          instructions: z.string().min(1),
        }),
      )
      .min(3),
    discussion: z.array(z.string().min(1)).min(2),
    worksheet: worksheetSchema,
    quiz: z.array(quizQuestionSchema).min(4),
    evidence: z.array(z.object({ source: z.string().min(1), note: z.string().optional() })).min(1),
    /** Slugs of guides a teacher may need (e.g. for-families), checked at build. */
    relatedGuides: z.array(z.string()).default([]),
    lastReviewed: z.coerce.date(),
    /** The statements of law the lesson teaches (claim ids), shown under "Legal basis". */
    legalBasis: z.array(citationSchema).default([]),
    translation: translationMeta.optional(),
  })
  .refine((l) => l.steps.reduce((sum, s) => sum + s.minutes, 0) === l.durationMinutes, {
    message: "the step timings must add up to durationMinutes",
    path: ["steps"],
  });

/** A student handout in a minority language: the key points and the worksheet of one lesson. */
export const handoutSchema = z.object({
  lesson: z.string().min(1),
  title: z.string().min(1),
  keyPoints: z.array(z.string().min(1)).min(2),
  worksheet: worksheetSchema,
  lastReviewed: z.coerce.date(),
  translation: translationMeta,
});
