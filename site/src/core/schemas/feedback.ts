/** "Report a mistake": which page or listing, and what is wrong. Messages are UI string keys. */
import { z } from "zod";

export const feedbackSchema = z.object({
  page: z.string().trim().max(300, "feedback.error.pageLong").default(""),
  message: z
    .string()
    .trim()
    .min(10, "feedback.error.messageShort")
    .max(2000, "feedback.error.messageLong"),
});
