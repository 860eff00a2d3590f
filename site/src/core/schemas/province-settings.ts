/**
 * Per-province settings: who receives registrations (the law leaves room: the commune People's
 * Committee one-stop office, or the commune police), Turnstile, retention. One file, reviewed
 * like content: site/content/settings/provinces.json.
 */
import { z } from "zod";
import { provinceCode } from "./admin-units.ts";
import { onlineChannelSchema } from "./online-channel.ts";

export const receivingBodies = ["commune-people-committee", "commune-police"] as const;

const settings = z.object({
  receivingBody: z.enum(receivingBodies),
  /** Days after an office closes a case before the whole case is deleted. */
  retentionDaysAfterClosing: z.number().int().min(1).max(3650),
  /** Days after it arrived before a case never closed is deleted all the same (default 365). */
  retentionMaxDays: z.number().int().min(30).max(3650).optional(),
  /** Whether this province accepts Lối Về as its online channel, with its source (online-channel.ts). */
  acceptsOnlineChannel: onlineChannelSchema.optional(),
  turnstile: z
    .object({ enabled: z.boolean(), siteKey: z.string().optional() })
    .refine((t) => !t.enabled || t.siteKey, { message: "an enabled Turnstile needs its siteKey" }),
});

export const provinceSettingsFileSchema = z.object({
  defaults: settings,
  provinces: z.record(provinceCode, settings.partial()),
});

/** The PROVINCE_SETTINGS variable: overrides per province, checked like the file. */
export const provinceSettingsOverridesSchema = z.record(provinceCode, settings.partial());

export type ProvinceSettings = z.infer<typeof settings>;
