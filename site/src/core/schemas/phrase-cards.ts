/**
 * Phrase cards for minority-language families: short sentences an officer can show or read to
 * explain registration, rights and monitoring. site/content/phrase-cards/vi.yaml is the source
 * (Vietnamese, English for reviewers, and the statements of law each card rests on); hmn.yaml,
 * blt.yaml and km.yaml translate each card by id. A translation is a draft until a native speaker
 * has reviewed it, and the draft label prints with the cards.
 */
import { z } from "zod";

export const phraseCardLangs = ["hmn", "blt", "km"] as const;
export const phraseCardTopics = ["registration", "rights", "monitoring"] as const;

const cardId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const phraseCardSetSchema = z.discriminatedUnion("lang", [
  z.object({
    lang: z.literal("vi"),
    cards: z
      .array(
        z.object({
          id: cardId,
          topic: z.enum(phraseCardTopics),
          /** What the officer says, in Vietnamese: short, one idea. */
          text: z.string().min(1).max(200),
          /** English, for reviewers. */
          en: z.string().min(1),
          claims: z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/)).default([]),
        }),
      )
      .min(6),
    lastReviewed: z.coerce.date(),
  }),
  z.object({
    lang: z.enum(phraseCardLangs),
    /** The page title and a line for the officer, in the card language. */
    title: z.string().min(1),
    cards: z.array(z.object({ id: cardId, text: z.string().min(1) })).min(1),
    translation: z
      .object({
        status: z.enum(["draft", "reviewed"]),
        translator: z.string().min(1),
        reviewer: z.string().min(1).optional(),
      })
      .refine((t) => t.status !== "reviewed" || t.reviewer, {
        message: "a translation marked reviewed must name its reviewer",
        path: ["reviewer"],
      }),
    lastReviewed: z.coerce.date(),
  }),
]);
export type PhraseCardSet = z.infer<typeof phraseCardSetSchema>;
