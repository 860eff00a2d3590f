/**
 * Which case applies to a registration, for the pages that say it (check, receipt, status):
 * the file goes to the commune police, who contact the family to complete it; or the province
 * accepts Lối Về as its online channel (its settings say so, with a source).
 */
import type { Env } from "../env.ts";
import { slotText, type Lang } from "../http/i18n.ts";
import { provinceSettings } from "../settings.ts";
import { flagsOf, type Flags } from "../../site/src/core/domain/registration/journey.ts";
import type { RawAnswers } from "../../site/src/core/schemas/registration/normalize.ts";

export function acceptsOnline(env: Pick<Env, "PROVINCE_SETTINGS">, provinceCode: string): boolean {
  return provinceSettings(env, provinceCode).acceptsOnlineChannel?.value ?? false;
}

export function journeyFlags(env: Pick<Env, "PROVINCE_SETTINGS">, answers: RawAnswers): Flags {
  return flagsOf(answers, { acceptsOnline: (code) => acceptsOnline(env, code) });
}

/** Fills the slot that names the source of a province's acceptance ("" where it does not accept). */
export function routeSlots(
  env: Pick<Env, "PROVINCE_SETTINGS">,
  lang: Lang,
  provinceCode: string,
  slots: Record<string, string>,
  slotLangs: Record<string, string>,
): void {
  const channel = provinceSettings(env, provinceCode).acceptsOnlineChannel;
  if (channel?.value)
    slotText(slots, slotLangs, "routeSource", lang, "reg.route.source", {
      source: channel.source.title,
    });
  else slots.routeSource = "";
}
