/**
 * A province's settings as the Worker applies them: the reviewed file (site/content/settings/
 * provinces.json), with the PROVINCE_SETTINGS variable laid over it, so that a province can
 * switch Turnstile on, or change its retention period, without rebuilding the site. (Who
 * receives registrations is printed on the static pages: change it in the file and rebuild.)
 *
 * PROVINCE_SETTINGS is checked with the same schema as the file the first time the Worker uses it:
 * a wrong value stops the Worker from accepting anything (503, and an error in the log) instead of
 * being silently ignored, e.g. a retention period that would never delete.
 */
import type { Env } from "./env.ts";
import { settingsFor } from "../site/src/core/domain/settings/provinces.ts";
import {
  provinceSettingsOverridesSchema,
  type ProvinceSettings,
} from "../site/src/core/schemas/province-settings.ts";

export class SettingsError extends Error {}

type Overrides = Record<string, Partial<ProvinceSettings>>;
const checked = new Map<string, Overrides | SettingsError>();

export function checkedOverrides(env: Pick<Env, "PROVINCE_SETTINGS">): Overrides {
  const raw = env.PROVINCE_SETTINGS ?? "";
  if (!raw) return {};
  let result = checked.get(raw);
  if (!result) {
    try {
      const parsed = provinceSettingsOverridesSchema.safeParse(JSON.parse(raw));
      result = parsed.success
        ? (parsed.data as Overrides)
        : new SettingsError(
            `PROVINCE_SETTINGS is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
          );
    } catch {
      result = new SettingsError("PROVINCE_SETTINGS is not JSON");
    }
    checked.set(raw, result);
  }
  if (result instanceof SettingsError) throw result;
  return result;
}

export function provinceSettings(
  env: Pick<Env, "PROVINCE_SETTINGS">,
  provinceCode: string,
): ProvinceSettings {
  const base = settingsFor(provinceCode);
  const own = checkedOverrides(env)[provinceCode];
  return own ? { ...base, ...own, turnstile: { ...base.turnstile, ...own.turnstile } } : base;
}
