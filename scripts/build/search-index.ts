/** The Pagefind index: one per language (from <html lang>), only over elements marked data-pagefind-body. */
import { run } from "../lib/run.ts";

export async function buildSearchIndex(dist: string): Promise<void> {
  await run("pagefind", ["--site", dist, "--quiet"]);
}
