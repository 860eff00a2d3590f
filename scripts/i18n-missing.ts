/**
 * `npm run i18n:missing`: the UI strings each language lacks (they fall back to Vietnamese,
 * marked lang="vi"). vi and en must be complete; a unit test fails when they are not.
 */
import { languages } from "../site/src/core/i18n/languages.ts";
import { missingKeys, strings } from "../site/src/core/i18n/translate.ts";

const total = Object.keys(strings.vi).length;
let incompleteFull = false;
for (const l of languages) {
  const missing = missingKeys(l.code);
  console.log(
    `${l.code} (${l.englishName}): ${total - missing.length}/${total} strings${missing.length ? `, ${missing.length} fall back to Vietnamese` : ""}`,
  );
  if (process.argv.includes("--list")) for (const key of missing) console.log(`  ${key}`);
  if (missing.length && (l.code === "vi" || l.code === "en")) incompleteFull = true;
}
if (!process.argv.includes("--list")) console.log("Add --list to see the keys.");
process.exit(incompleteFull ? 1 : 0);
