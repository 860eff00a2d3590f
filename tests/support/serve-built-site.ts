/**
 * Vitest global setup for the browser and axe layers: starts the real Worker (`wrangler dev`)
 * over the already built dist/ on a free port, with its own fresh local D1, and stops it after.
 */
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, startWorker } from "../../scripts/lib/dev-server.ts";
import { seedDemo, type DemoSetup } from "../../scripts/demo/seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    stateDir: string;
    demo: DemoSetup;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync("dist/index.html"))
    throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  const stateDir = mkdtempSync(join(tmpdir(), "loi-ve-test-"));
  await applyMigrations(stateDir);
  // Demo offices for the provinces the tests register in: Điện Biên (11) and Tuyên Quang (08).
  // The demo's keys are kept between runs (.wrangler/demo-tests/), so the browser and axe layers,
  // even run at once, publish the same key directories into dist/keys/.
  const demo = await seedDemo({ persistTo: stateDir }, join(".wrangler", "demo-tests"), [
    "11",
    "08",
  ]);
  const worker = await startWorker({ persistTo: stateDir, quiet: true });
  project.provide("baseUrl", worker.url);
  project.provide("stateDir", stateDir);
  project.provide("demo", demo);
  return async () => {
    await worker.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}
