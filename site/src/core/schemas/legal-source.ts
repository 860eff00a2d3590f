/**
 * A legal text the portal relies on. Every guide cites these by id; the page shows the full
 * title, number and date in force. Only texts verified in ../shared/domain.md belong here.
 */
import { z } from "zod";

export const legalSourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Official Vietnamese title, e.g. "Luật Phòng, chống ma túy". */
  title: z.string().min(1),
  titleEn: z.string().min(1),
  /** True where the official title was not verified: the page then describes the text instead. */
  descriptiveTitle: z.boolean().default(false),
  /** Document number as printed, e.g. "73/2021/QH14". */
  number: z.string().min(1),
  kind: z.enum(["law", "decree", "circular", "decision", "procedure", "answer"]),
  /** Date in force; omitted where not verified (the page then says so). */
  inForce: z.coerce.date().optional(),
  /**
   * Whether it still applies; "replaced" texts are cited for history only; "unconfirmed" where we
   * could not confirm that it still applies since 01/07/2026 (domain.md [U]).
   */
  status: z.enum(["in-force", "amended", "replaced", "unconfirmed"]),
  note: z.string().optional(),
  noteEn: z.string().optional(),
  /** How sure we are, from domain.md: V verified in an official source, S secondary only. */
  confidence: z.enum(["V", "S"]),
});

export type LegalSource = z.infer<typeof legalSourceSchema>;
