/**
 * What the registration pages hand to their islands, computed at build time: the localized
 * messages the island shows (errors, step count, answers read back), and which provinces accept
 * Lối Về as their online channel (so the island does not ship the settings file and its schema).
 */
import type { Lang } from "../core/i18n/languages.ts";
import { lookup, strings, type StringKey } from "../core/i18n/translate.ts";
import { provinces } from "../core/domain/admin-units/index.ts";
import { settingsFor } from "../core/domain/settings/provinces.ts";

/** Keys by prefix, in the reader's language (or Vietnamese, marked), for an island's props. */
export function messagesWith(
  lang: Lang,
  include: (key: string) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(strings.vi) as StringKey[])
    if (include(key)) out[key] = lookup(lang, key).text;
  return out;
}

/** The messages a step's island needs: errors, the error prefix, the step count. */
export function islandMessages(lang: Lang): Record<string, string> {
  return messagesWith(
    lang,
    (k) =>
      k.startsWith("reg.error.") ||
      k === "form.errorPrefix" ||
      k === "reg.stepOf" ||
      k === "reg.notice.durationYours" ||
      k === "reg.communeCode.choose",
  );
}

export function onlineProvinces(): string[] {
  return provinces.map((p) => p.code).filter((code) => acceptsOnlineChannel(code));
}

export function acceptsOnlineChannel(provinceCode: string): boolean {
  return settingsFor(provinceCode).acceptsOnlineChannel?.value ?? false;
}

/** The provinces that accept Lối Về as an online channel, with the title of their source. */
export function onlineSources(): Record<string, string> {
  return Object.fromEntries(
    onlineProvinces().map((code) => [code, settingsFor(code).acceptsOnlineChannel!.source.title]),
  );
}
