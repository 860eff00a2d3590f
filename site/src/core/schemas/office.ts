/** What an office may change on a registration: its status, and a short message for the family. */
import { z } from "zod";

export const registrationStatuses = [
  "received",
  "appointment",
  "more-info",
  "decided",
  "closed",
] as const;

export const statusUpdateSchema = z.object({
  status: z.enum(registrationStatuses, { error: "office.error.status" }),
  // Shown to the family on the status page: short, plain text, no health details.
  message: z
    .string()
    .trim()
    .max(300, "office.error.messageLong")
    .refine(
      (m) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/.test(m),
      "office.error.messageCharacters",
    )
    .default(""),
});
