/** A standalone page (about, privacy, essentials, teacher's guide…): same translation model as guides. */
import { z } from "zod";
import { translationMeta } from "./translation.ts";
import { citationSchema } from "./guide.ts";

export const pageSchema = z.object({
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(320),
  lastReviewed: z.coerce.date(),
  legalBasis: z.array(citationSchema).default([]),
  translation: translationMeta.optional(),
});
