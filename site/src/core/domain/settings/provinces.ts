/** The effective settings of a province: its own entries over the defaults. */
import file from "../../../../content/settings/provinces.json" with { type: "json" };
import {
  provinceSettingsFileSchema,
  type ProvinceSettings,
} from "../../schemas/province-settings.ts";

const parsed = provinceSettingsFileSchema.parse(file);

export function settingsFor(provinceCode: string): ProvinceSettings {
  return { ...parsed.defaults, ...parsed.provinces[provinceCode] };
}
