/**
 * Every name a place can be searched by (build time only: it reads the whole list of former
 * units): today's communes and provinces, and the pre-2025 communes, districts and provinces
 * they were formed from, each pointing at today's units. The build cuts them into shards
 * (scripts/build/search-places.ts); the search page hands the island the list of common first
 * words, so the island computes the same shard keys.
 */
import { communeByCode, communes, provinceByCode, provinces } from "../domain/admin-units/index.ts";
import { formerUnitsByCommune } from "../domain/admin-units/former-units.ts";
import { placeKey, splitName, type PlaceEntry } from "./places.ts";

/** A first word that starts more names than this gets two-word keys (see placeKey). */
const commonAbove = 40;

function buildEntries(): PlaceEntry[] {
  const entries: PlaceEntry[] = [];
  for (const p of provinces) entries.push([p.name, "p", p.code]);
  for (const c of communes) {
    entries.push([c.name, "c", c.code]);
    // "Phường Lâm Viên - Đà Lạt" is also found as "Đà Lạt".
    for (const part of c.name.split(" - ").slice(1)) entries.push([part, "c", c.code]);
  }
  const formerCommunes = new Map<string, Set<string>>();
  const formerDistricts = new Map<string, Set<string>>();
  const formerProvinces = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, code: string) =>
    map.set(key, (map.get(key) ?? new Set()).add(code));
  for (const [code, units] of Object.entries(formerUnitsByCommune)) {
    const provinceCode = communeByCode(code)?.provinceCode;
    for (const u of units) {
      add(formerCommunes, [u.name, u.district, u.province].join("|"), code);
      add(formerDistricts, [u.district, u.province].join("|"), code);
      if (provinceCode) add(formerProvinces, u.province, provinceCode);
    }
  }
  for (const [key, codes] of formerCommunes) {
    const [name, district, province] = key.split("|") as [string, string, string];
    entries.push([name, "f", [...codes].sort().join(" "), `${district}, ${province}`]);
  }
  for (const [key, codes] of formerDistricts) {
    const [district, province] = key.split("|") as [string, string];
    entries.push([district, "d", [...codes].sort().join(" "), province]);
  }
  for (const [province, codes] of formerProvinces) {
    // A province that kept its name is already listed as today's province.
    const today = [...codes].map((c) => provinceByCode(c)!.name);
    if (today.every((t) => splitName(t).words.join(" ") === splitName(province).words.join(" ")))
      continue;
    entries.push([province, "q", [...codes].sort().join(" ")]);
  }
  return entries;
}

let cached: { entries: PlaceEntry[]; common: Set<string> } | undefined;

export function placeNames(): { entries: PlaceEntry[]; common: Set<string> } {
  if (cached) return cached;
  const entries = buildEntries();
  const firstWords = new Map<string, number>();
  for (const [name] of entries) {
    const first = splitName(name).words[0]!;
    firstWords.set(first, (firstWords.get(first) ?? 0) + 1);
  }
  const common = new Set([...firstWords].filter(([, n]) => n > commonAbove).map(([w]) => w));
  cached = { entries, common };
  return cached;
}

/** The shard key of every entry (a name is found through the shard of its key). */
export function placeKeyOf(entry: PlaceEntry, common: ReadonlySet<string>): string {
  return placeKey(splitName(entry[0]).words, common);
}
