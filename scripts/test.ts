/**
 * `npm test`: every layer, in order, each in the runtime its code runs in, then one summary line.
 *   typecheck (format, lint, boundaries, unused exports, types) → unit (Node) → build → workerd (Worker tests) → chromium (browser tests) → axe
 * A failing layer does not stop the others that can still run; the command exits 1 if any failed.
 * Chromium is required: when it is missing the browser layers fail and say how to install it.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { build } from "./build.ts";
import { projectRoot, run } from "./lib/run.ts";
import { chromiumPath } from "./lib/chromium.ts";

interface LayerResult {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}
const results: LayerResult[] = [];
const reportsDir = `${projectRoot}/reports/tests`;
mkdirSync(reportsDir, { recursive: true });

async function layer(name: string, action: () => Promise<string>): Promise<boolean> {
  console.log(`\n━━ ${name} ━━`);
  const started = performance.now();
  let ok = true;
  let detail = "";
  try {
    detail = await action();
  } catch (error) {
    ok = false;
    detail = (error as Error).message.split("\n")[0]!;
    console.error(`\n${name} failed: ${(error as Error).message}`);
  }
  results.push({ name, ok, detail, seconds: (performance.now() - started) / 1000 });
  return ok;
}

function vitestCounts(project: string): string {
  const file = `${reportsDir}/${project}.json`;
  if (!existsSync(file)) return "";
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    numTotalTests: number;
    numPassedTests: number;
    numFailedTests: number;
  };
  return r.numFailedTests
    ? `${r.numFailedTests} of ${r.numTotalTests} tests failed`
    : `${r.numPassedTests} tests`;
}

async function vitest(project: string): Promise<string> {
  try {
    await run(
      "vitest",
      [
        "run",
        "--config",
        "tests/vitest.config.ts",
        "--project",
        project,
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${reportsDir}/${project}.json`,
      ],
      { cwd: projectRoot },
    );
  } catch {
    throw new Error(vitestCounts(project) || `vitest --project ${project} failed`);
  }
  return vitestCounts(project);
}

function requireChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: install Debian's package with ` +
        "`sudo apt-get update && sudo apt-get install -y chromium` (or set CHROMIUM_PATH). Browser tests never skip.",
    );
  }
}

const started = performance.now();
await layer("typecheck", async () => {
  // Format (Prettier), lint and import boundaries (ESLint), unused files and exports (knip),
  // then the types of the site, scripts and tests (astro check) and of the Worker (tsc).
  await run("prettier", ["--check", "--log-level", "warn", "."], { cwd: projectRoot });
  await run("eslint", ["."], { cwd: projectRoot });
  await run("knip", [], { cwd: projectRoot });
  await run("astro", ["check", "--minimumSeverity", "warning"], { cwd: projectRoot });
  await run("tsc", ["-p", "functions/tsconfig.json"], { cwd: projectRoot });
  return "format, lint, boundaries, unused exports, types";
});
await layer("unit", () => vitest("unit"));
const built = await layer("build", async () => {
  await build();
  return "dist/ and search index";
});
await layer("workerd", async () => {
  if (!built) throw new Error("not run: the build failed");
  return vitest("worker");
});
for (const [name, project] of [
  ["chromium", "browser"],
  ["axe", "axe"],
] as const) {
  await layer(name, async () => {
    if (!built) throw new Error("not run: the build failed");
    requireChromium();
    return vitest(project);
  });
}

const seconds = Math.round((performance.now() - started) / 1000);
const failed = results.filter((r) => !r.ok);
const parts = results.map(
  (r) => `${r.name} ${r.ok ? "✓" : "✗"}${r.detail ? ` (${r.detail})` : ""}`,
);
console.log(`\nnpm test: ${failed.length ? "FAIL" : "PASS"}: ${parts.join(", ")}; ${seconds} s`);
process.exit(failed.length ? 1 : 0);
