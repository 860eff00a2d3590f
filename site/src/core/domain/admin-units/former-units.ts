/** The pre-2025 units each commune was formed from (large: used at build time and by tools). */
import formerJson from "../../../../content/admin-units/former-units.json" with { type: "json" };
import type { FormerUnit } from "../../schemas/admin-units.ts";
import { communeByCode } from "./index.ts";

export const formerUnitsByCommune = formerJson as Record<string, FormerUnit[]>;

export function formerUnitsOf(communeCode: string): FormerUnit[] {
  return formerUnitsByCommune[communeCode] ?? [];
}

/** Communes of a province that took in (part of) a former district. */
export function communesFromFormerDistrict(
  provinceCode: string,
  district: string,
  formerProvince: string,
): string[] {
  return Object.entries(formerUnitsByCommune)
    .filter(
      ([code, units]) =>
        communeByCode(code)?.provinceCode === provinceCode &&
        units.some((u) => u.district === district && u.province === formerProvince),
    )
    .map(([code]) => code);
}

/** The pre-2025 provinces a province took in (e.g. Tuyên Quang: Hà Giang and Tuyên Quang). */
export function formerProvincesOf(provinceCode: string): string[] {
  const names = new Set<string>();
  for (const [code, units] of Object.entries(formerUnitsByCommune)) {
    if (communeByCode(code)?.provinceCode !== provinceCode) continue;
    for (const u of units) names.add(u.province.replace(/^(Tỉnh|Thành phố) /, ""));
  }
  return [...names].sort((a, b) => a.localeCompare(b, "vi"));
}
