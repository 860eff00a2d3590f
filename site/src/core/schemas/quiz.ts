/**
 * A self-check question, shared by school lessons and staff training: one right option, feedback
 * for the options, and (training) an explanation of the right answer with the statements of law
 * it rests on. Scoring lives in site/src/core/domain/quiz/score.ts, the same for the island, the
 * Worker and the offline pack.
 */
import { z } from "zod";

const claimId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/);

export const quizOptionSchema = z.object({
  text: z.string().min(1),
  correct: z.boolean().default(false),
  /** Shown after the learner answers with this option: why it is right or wrong. */
  feedback: z.string().min(1).optional(),
});

export const quizQuestionSchema = z
  .object({
    kind: z.enum(["single", "true-false"]),
    prompt: z.string().min(1),
    options: z.array(quizOptionSchema).min(2).max(5),
    /** Why the right answer is right (training quizzes require it). */
    explanation: z.string().min(1).optional(),
    /** Statements of law (claim ids) the explanation rests on; shown with article and confidence. */
    claims: z.array(claimId).default([]),
  })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    message: "exactly one option must be correct",
    path: ["options"],
  })
  .refine((q) => q.kind !== "true-false" || q.options.length === 2, {
    message: "a true-false question has exactly two options",
    path: ["options"],
  })
  .refine((q) => q.explanation !== undefined || q.options.every((o) => o.feedback), {
    message: "every option needs feedback, or the question an explanation",
    path: ["options"],
  });
