/**
 * Loads the legal claims (site/content/legal/claims/*.yaml) for the content collection and the
 * content check. Build-time only (node:fs).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { legalClaimSchema, type LegalClaim } from "../../site/src/core/schemas/legal-claim.ts";

export interface ClaimProblem {
  file: string;
  message: string;
}

export function loadClaimFiles(dir: string): { claims: LegalClaim[]; problems: ClaimProblem[] } {
  const claims: LegalClaim[] = [];
  const problems: ClaimProblem[] = [];
  const seen = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const file = join(dir, f);
    const entries = (parseYaml(readFileSync(file, "utf8")) ?? []) as unknown[];
    for (const [i, raw] of entries.entries()) {
      const parsed = legalClaimSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({
            file,
            message: `entry ${i + 1}, ${issue.path.join(".")}: ${issue.message}`,
          });
        continue;
      }
      if (seen.has(parsed.data.id))
        problems.push({ file, message: `duplicate claim id ${parsed.data.id}` });
      seen.add(parsed.data.id);
      claims.push(parsed.data);
    }
  }
  return { claims, problems };
}
