/** Runs SQL against the D1 database through wrangler: local by default, remote for production. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capture, projectRoot } from "./run.ts";

export interface D1Target {
  remote?: boolean;
  persistTo?: string;
  env?: string;
}

function targetArgs(t: D1Target): string[] {
  const args = [t.remote ? "--remote" : "--local"];
  if (t.persistTo && !t.remote) args.push("--persist-to", t.persistTo);
  if (t.env) args.push("--env", t.env);
  return args;
}

export { sql } from "../../site/src/core/domain/offices/sql.ts";

export async function d1Query<T>(target: D1Target, statement: string): Promise<T[]> {
  const out = await capture(
    "wrangler",
    ["d1", "execute", "DB", ...targetArgs(target), "--json", "--command", statement],
    { cwd: projectRoot },
  );
  const parsed = JSON.parse(out.slice(out.indexOf("["))) as { results: T[] }[];
  return parsed.flatMap((p) => p.results ?? []);
}

/** Executes many statements from a file (one transaction per file on D1). */
export async function d1ExecuteFile(target: D1Target, statements: string[]): Promise<void> {
  if (statements.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), "loi-ve-sql-"));
  try {
    const file = join(dir, "statements.sql");
    writeFileSync(file, statements.join(";\n") + ";\n");
    await capture(
      "wrangler",
      ["d1", "execute", "DB", ...targetArgs(target), "--yes", "--file", file],
      { cwd: projectRoot },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
