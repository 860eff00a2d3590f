/**
 * `npm run providers:import -- listings.csv`: validates every row of an officer's spreadsheet
 * and, only if all are valid, writes them into site/content/providers/ (one file per province).
 * The columns are listed in scripts/providers/import.ts; an example is in
 * tests/fixtures/providers-good.csv.
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { importProviders } from "./providers/import.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run providers:import -- <file.csv>");
  process.exit(2);
}
const result = importProviders(
  readFileSync(file, "utf8"),
  basename(file),
  resolve(import.meta.dirname, "../site/content/providers"),
);
if (result.rejected.length > 0) {
  console.error(`Rejected: nothing was written. ${result.rejected.length} problem(s):`);
  for (const p of result.rejected) console.error(`  ${p.record}, ${p.field}: ${p.message}`);
  process.exit(1);
}
console.log(
  `Imported ${result.accepted} listing(s) into:\n  ${result.written.join("\n  ")}\nReview the changes (git diff) before publishing.`,
);
