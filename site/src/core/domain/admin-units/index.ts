/**
 * The administrative units, shared by the site (finder, commune pages), the registration form
 * and the Worker (validation, routing to the receiving office). Generated from the pinned
 * package by `npm run units:build`; see normalize.ts.
 */
import provincesJson from "../../../../content/admin-units/provinces.json" with { type: "json" };
import communesJson from "../../../../content/admin-units/communes.json" with { type: "json" };
import type { Commune, Province } from "../../schemas/admin-units.ts";
import { slugify } from "../text/fold.ts";

export type CommuneSummary = Omit<Commune, "formerUnits">;

export const provinces = provincesJson as Province[];
export const communes = communesJson as CommuneSummary[];

const provinceIndex = new Map(provinces.map((p) => [p.code, p]));
const communeIndex = new Map(communes.map((c) => [c.code, c]));

export function provinceByCode(code: string): Province | undefined {
  return provinceIndex.get(code);
}

export function communeByCode(code: string): CommuneSummary | undefined {
  return communeIndex.get(code);
}

export function communesOf(provinceCode: string): CommuneSummary[] {
  return communes
    .filter((c) => c.provinceCode === provinceCode)
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** "Thành phố Hà Nội" → "ha-noi"; "Điện Biên" → "dien-bien" */
export function provinceSlug(p: Province): string {
  return slugify(p.name.replace(/^Thành phố /, ""));
}

/** "Xã Tuần Giáo" (03253) → "xa-tuan-giao-03253": names alone collide once tone marks are folded. */
export function communeSlug(c: CommuneSummary): string {
  return `${slugify(c.name)}-${c.code}`;
}

/** The where-to-go path of a commune, without the language prefix. */
export function communePath(c: CommuneSummary): string {
  return `where-to-go/${provinceSlug(provinceByCode(c.provinceCode)!)}/${communeSlug(c)}/`;
}

export function provincePath(p: Province): string {
  return `where-to-go/${provinceSlug(p)}/`;
}

/**
 * A unit's name inside a sentence. Vietnamese lower-cases the type word ("Ủy ban nhân dân xã
 * Tuần Giáo", "tỉnh Điện Biên"); English keeps the name as written ("People's Committee of Xã Tuần Giáo").
 */
export function nameInSentence(name: string, lang = "vi"): string {
  return lang === "en" ? name : name.charAt(0).toLocaleLowerCase("vi") + name.slice(1);
}
