/**
 * Validation of provider listings, shared by the build (a bad record fails it, naming file,
 * record and field), the spreadsheet import command and the tests.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { providerSchema, type Provider } from "../../site/src/core/schemas/provider.ts";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { communesFromFormerDistrict } from "../../site/src/core/domain/admin-units/former-units.ts";

export interface ProviderProblem {
  file: string;
  record: string;
  field: string;
  message: string;
}

export function formatProblems(problems: ProviderProblem[]): string {
  return problems.map((p) => `${p.file}, ${p.record}, ${p.field}: ${p.message}`).join("\n");
}

/** Checks beyond the schema: codes that exist, a former district that existed. */
function crossCheck(p: Provider): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!provinceByCode(p.provinceCode))
    out.push({ field: "provinceCode", message: `no province ${p.provinceCode}` });
  if (!p.id.startsWith(`${p.provinceCode}-`))
    out.push({ field: "id", message: `must start with the province code "${p.provinceCode}-"` });
  if (p.communeCode) {
    const commune = communeByCode(p.communeCode);
    if (!commune) out.push({ field: "communeCode", message: `no commune ${p.communeCode}` });
    else if (commune.provinceCode !== p.provinceCode)
      out.push({
        field: "communeCode",
        message: `${p.communeCode} (${commune.name}) is not in province ${p.provinceCode}`,
      });
  }
  if (
    p.formerDistrict &&
    communesFromFormerDistrict(p.provinceCode, p.formerDistrict.name, p.formerDistrict.province)
      .length === 0
  ) {
    out.push({
      field: "formerDistrict",
      message: `no commune of province ${p.provinceCode} was formed from ${p.formerDistrict.name}, ${p.formerDistrict.province}`,
    });
  }
  return out;
}

export function validateProviderRecords(
  file: string,
  records: unknown[],
): { providers: Provider[]; problems: ProviderProblem[] } {
  const providers: Provider[] = [];
  const problems: ProviderProblem[] = [];
  records.forEach((raw, i) => {
    const id = (raw as { id?: unknown })?.id;
    const record = `record ${i + 1}${typeof id === "string" ? ` (${id})` : ""}`;
    const parsed = providerSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          record,
          field: issue.path.join(".") || "(record)",
          message: issue.message,
        });
      return;
    }
    const extra = crossCheck(parsed.data);
    for (const e of extra) problems.push({ file, record, ...e });
    if (extra.length === 0) providers.push(parsed.data);
  });
  return { providers, problems };
}

export function loadProviderFiles(dir: string): {
  providers: Provider[];
  problems: ProviderProblem[];
} {
  const providers: Provider[] = [];
  const problems: ProviderProblem[] = [];
  if (!existsSync(dir)) return { providers, problems };
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(join(dir, name), "utf8"));
    } catch (e) {
      problems.push({
        file: name,
        record: "(file)",
        field: "(yaml)",
        message: (e as Error).message.split("\n")[0]!,
      });
      continue;
    }
    const records = (doc as { providers?: unknown })?.providers;
    if (!Array.isArray(records)) {
      problems.push({
        file: name,
        record: "(file)",
        field: "providers",
        message: "expected a list under `providers:`",
      });
      continue;
    }
    const result = validateProviderRecords(name, records);
    providers.push(...result.providers);
    problems.push(...result.problems);
  }
  const seen = new Map<string, number>();
  for (const p of providers) seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
  for (const [id, count] of seen)
    if (count > 1)
      problems.push({
        file: "(all files)",
        record: id,
        field: "id",
        message: `used by ${count} records; ids must be unique`,
      });
  return { providers, problems };
}
