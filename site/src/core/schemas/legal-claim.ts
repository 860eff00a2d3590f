/**
 * One statement of law, with the article it rests on and how sure we are of it. Pages cite
 * statements, not whole documents, because confidence differs article by article
 * (../shared/domain.md). Claims live in site/content/legal/claims/*.yaml.
 *
 *   V  verified in an official source
 *   S  checked only against a copy of the text or news: the page shows a mark and asks the reader
 *      to confirm with the commune police
 *   U  not verified: never stated as fact (<Unknown id="…"> says "not confirmed, ask")
 */
import { z } from "zod";

export const claimConfidences = ["V", "S", "U"] as const;

/** "89", "89.1", "89.1.a", "84-88", "31.7-31.8": article, clause, point as the texts number them. */
export const articlePattern = /^\d+(\.\d+)?(\.[a-zđ])?(-\d+(\.\d+)?)?$/u;

export const legalClaimSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  /** id of the document in site/content/legal/sources.yaml */
  source: z.string().min(1),
  article: z.string().regex(articlePattern).optional(),
  confidence: z.enum(claimConfidences),
  /** The statement in plain Vietnamese, as the page's legal basis lists it. */
  statement: z.string().min(10),
  statementEn: z.string().min(10),
});

export type LegalClaim = z.infer<typeof legalClaimSchema>;
