/**
 * Whether a province accepts Lối Về as its online registration channel (Decree 163 Art. 90.3:
 * online registration through websites or platforms follows Ministry of Public Security guidance,
 * not known yet: claim u-online-guidance). One boolean with the source that says so; without a
 * source it cannot be true. Absent: not accepted, and the pages say the file goes to the commune
 * police, who contact the family to complete it.
 *
 * The source has the shape of the other province settings' sources (title, issued, url), so the
 * two can share one schema when they meet on main.
 */
import { z } from "zod";

export const onlineChannelSourceSchema = z.object({
  title: z.string().min(3),
  /** When the source was issued or published, as far as it shows; never guessed. */
  issued: z.string().optional(),
  url: z.url().optional(),
});

export const onlineChannelSchema = z.object({
  value: z.boolean(),
  source: onlineChannelSourceSchema,
});
