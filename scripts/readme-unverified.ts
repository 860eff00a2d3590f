/** `npm run readme:unverified`: rewrites the README's "What is not verified" list from the claims. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./lib/run.ts";
import { unverifiedMarkdown, withUnverifiedSection } from "./lib/unverified.ts";

const file = join(projectRoot, "README.md");
writeFileSync(
  file,
  withUnverifiedSection(
    readFileSync(file, "utf8"),
    unverifiedMarkdown(join(projectRoot, "site/content")),
  ),
);
console.log("README.md: the unverified list is up to date with the claims");
