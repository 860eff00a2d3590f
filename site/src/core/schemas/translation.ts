/**
 * Translation metadata carried by every non-Vietnamese content file. Vietnamese is the source
 * language; a translation records which revision of the Vietnamese file it was made from, so the
 * translation status page can tell "outdated" when the source has changed since.
 */
import { z } from "zod";

export const declaredTranslationStatus = z.enum(["reviewed", "draft", "outdated"]);

export const translationMeta = z
  .object({
    status: declaredTranslationStatus,
    translator: z.string().min(1),
    /** Who checked it; a translation without a reviewer can never be "reviewed". */
    reviewer: z.string().min(1).optional(),
    /** sourceRevision() of the Vietnamese file this translation was made from. */
    sourceRevision: z
      .string()
      .regex(/^[0-9a-f]{12}$/, "12 lowercase hex characters (run npm run translations:stamp)"),
  })
  .refine((t) => t.status !== "reviewed" || t.reviewer, {
    message: "a translation marked reviewed must name its reviewer",
    path: ["reviewer"],
  });
