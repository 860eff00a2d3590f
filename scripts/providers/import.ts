/**
 * Turning an officer's spreadsheet (CSV, one listing per row) into the provider files under
 * site/content/providers/. Every row is checked with the same validation as the build; if any
 * row is rejected, nothing is written and the report says which rows and why. Files are written
 * whole (to a temporary file, then renamed), never half.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml, stringify } from "yaml";
import { parseCsv } from "./csv.ts";
import { loadProviderFiles, validateProviderRecords, type ProviderProblem } from "./validate.ts";
import { provinceByCode, provinceSlug } from "../../site/src/core/domain/admin-units/index.ts";
import type { Provider } from "../../site/src/core/schemas/provider.ts";

/** The spreadsheet's columns; lists are separated by ";" and a phone is "number | hours | cost note". */
export const columns = [
  "id",
  "name",
  "type",
  "services",
  "provinceCode",
  "communeCode",
  "formerDistrict",
  "formerDistrictProvince",
  "address",
  "lat",
  "lon",
  "phones",
  "languages",
  "agesMin",
  "agesMax",
  "costs",
  "whatToBring",
  "referral",
  "notes",
  "sourceTitle",
  "sourceIssued",
  "sourceReference",
  "sourceUrl",
  "verifiedOn",
] as const;

const list = (v: string) =>
  v
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean);
const number = (v: string) => (v.trim() === "" ? undefined : Number(v.replace(",", ".")));

/** One row as a provider record (not yet validated: the schema says what is wrong). */
export function rowToRecord(row: Record<string, string>): Record<string, unknown> {
  const r: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    type: row.type,
    services: list(row.services ?? ""),
    provinceCode: row.provinceCode,
    phones: list(row.phones ?? "").map((p) => {
      const [numberText, hours, costNote] = p.split("|").map((x) => x.trim());
      return { number: numberText, ...(hours ? { hours } : {}), ...(costNote ? { costNote } : {}) };
    }),
    languages: list(row.languages ?? ""),
    costs: row.costs || "unknown",
    access: {
      whatToBring: list(row.whatToBring ?? ""),
      ...(row.referral ? { referral: row.referral } : {}),
    },
    source: {
      title: row.sourceTitle,
      ...(row.sourceIssued ? { issued: row.sourceIssued } : {}),
      ...(row.sourceReference ? { reference: row.sourceReference } : {}),
      ...(row.sourceUrl ? { url: row.sourceUrl } : {}),
    },
    verifiedOn: row.verifiedOn,
  };
  if (row.communeCode) r.communeCode = row.communeCode;
  if (row.formerDistrict)
    r.formerDistrict = { name: row.formerDistrict, province: row.formerDistrictProvince };
  if (row.address) r.address = row.address;
  if (row.lat || row.lon)
    r.coordinates = { lat: number(row.lat ?? ""), lon: number(row.lon ?? "") };
  if (row.agesMin || row.agesMax)
    r.ages = {
      ...(row.agesMin ? { min: number(row.agesMin) } : {}),
      ...(row.agesMax ? { max: number(row.agesMax) } : {}),
    };
  if (row.notes) r.notes = row.notes;
  return r;
}

export interface ImportResult {
  accepted: number;
  rejected: ProviderProblem[];
  written: string[];
}

export function importProviders(
  csvText: string,
  sheetName: string,
  providersDir: string,
): ImportResult {
  let rows: string[][];
  try {
    rows = parseCsv(csvText);
  } catch (e) {
    return {
      accepted: 0,
      rejected: [
        { file: sheetName, record: "(file)", field: "(csv)", message: (e as Error).message },
      ],
      written: [],
    };
  }
  const [header, ...body] = rows;
  const missing = columns.filter(
    (c) =>
      !header?.includes(c) &&
      ["id", "name", "type", "services", "provinceCode", "sourceTitle", "verifiedOn"].includes(c),
  );
  if (!header || missing.length) {
    return {
      accepted: 0,
      rejected: [
        {
          file: sheetName,
          record: "row 1 (header)",
          field: missing.join(", "),
          message: "required columns missing",
        },
      ],
      written: [],
    };
  }
  const records = body.map((cells) =>
    rowToRecord(Object.fromEntries(header.map((h, i) => [h.trim(), (cells[i] ?? "").trim()]))),
  );
  // Report rows by their spreadsheet row number (the header is row 1).
  const { providers, problems } = validateProviderRecords(sheetName, records);
  const rejected = problems.map((p) => ({
    ...p,
    record: p.record.replace(/^record (\d+)/, (_, n: string) => `row ${Number(n) + 1}`),
  }));
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const id = String(r.id ?? "");
    if (seen.has(id))
      rejected.push({
        file: sheetName,
        record: `row ${i + 2} (${id})`,
        field: "id",
        message: `repeats row ${seen.get(id)! + 2}`,
      });
    seen.set(id, i);
  });
  if (rejected.length > 0) return { accepted: 0, rejected, written: [] };

  // Merge into each province's file: a listing with the same id is replaced, others kept.
  const existing = loadProviderFiles(providersDir);
  if (existing.problems.length) return { accepted: 0, rejected: existing.problems, written: [] };
  const byProvince = new Map<string, Provider[]>();
  for (const p of providers)
    byProvince.set(p.provinceCode, [...(byProvince.get(p.provinceCode) ?? []), p]);
  const pending: { file: string; text: string }[] = [];
  for (const [code, incoming] of byProvince) {
    const file = join(providersDir, `${code}-${provinceSlug(provinceByCode(code)!)}.yaml`);
    const current = existsSync(file)
      ? (((parseYaml(readFileSync(file, "utf8")) as { providers?: unknown[] })?.providers ??
          []) as Record<string, unknown>[])
      : [];
    const ids = new Set(incoming.map((p) => p.id));
    const merged = [
      ...current.filter((r) => !ids.has(String(r.id))),
      ...incoming.map(serializable),
    ];
    const text = `# ${provinceByCode(code)!.name} (${code}). Imported with npm run providers:import; review before publishing.\n${stringify({ providers: merged }, { lineWidth: 0 })}`;
    pending.push({ file, text });
  }
  for (const p of pending) writeFileSync(`${p.file}.tmp`, p.text);
  for (const p of pending) renameSync(`${p.file}.tmp`, p.file);
  return { accepted: providers.length, rejected: [], written: pending.map((p) => p.file) };
}

/** A provider as it is written to YAML: dates as yyyy-mm-dd, empty lists left out. */
function serializable(p: Provider): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...p,
    verifiedOn: p.verifiedOn.toISOString().slice(0, 10),
  };
  for (const [k, v] of Object.entries(out)) if (Array.isArray(v) && v.length === 0) delete out[k];
  if (p.access.whatToBring.length === 0 && !p.access.referral) delete out.access;
  return out;
}
