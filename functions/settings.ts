/**
 * A province's settings as the Worker applies them: the reviewed file (site/content/settings/
 * provinces.json), with the PROVINCE_SETTINGS variable laid over it, so that a province can
 * switch Turnstile on, or change its retention period, without rebuilding the site. (Who
 * receives registrations is printed on the static pages: change it in the file and rebuild.)
 */
import type { Env } from "./env.ts";
import { settingsFor } from "../site/src/core/domain/settings/provinces.ts";
import type { ProvinceSettings } from "../site/src/core/schemas/province-settings.ts";

export function provinceSettings(
  env: Pick<Env, "PROVINCE_SETTINGS">,
  provinceCode: string,
): ProvinceSettings {
  const base = settingsFor(provinceCode);
  if (!env.PROVINCE_SETTINGS) return base;
  let overrides: Record<string, Partial<ProvinceSettings>>;
  try {
    overrides = JSON.parse(env.PROVINCE_SETTINGS) as Record<string, Partial<ProvinceSettings>>;
  } catch {
    return base;
  }
  const own = overrides[provinceCode];
  return own ? { ...base, ...own, turnstile: { ...base.turnstile, ...own.turnstile } } : base;
}
