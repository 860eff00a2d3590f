/**
 * The training catalog the build published (dist/training/catalog.json): answer keys, pass
 * marks, law versions and the certificate key this build trusts. Read through the assets binding,
 * so the Worker always agrees with the pages it serves.
 */
import type { Env } from "../env.ts";
import type { TrainingCatalog } from "../../site/src/core/domain/training/catalog.ts";

let cached: { at: string; catalog: Promise<TrainingCatalog> } | undefined;

export function trainingCatalog(env: Env, requestUrl: string): Promise<TrainingCatalog> {
  // One read per isolate: a new deployment starts new isolates with the new assets.
  const origin = new URL(requestUrl).origin;
  if (cached?.at !== origin) {
    const catalog = env.ASSETS.fetch(new Request(new URL("/training/catalog.json", origin))).then(
      async (res) => {
        if (!res.ok) throw new Error(`training catalog: ${res.status}`);
        return (await res.json()) as TrainingCatalog;
      },
    );
    catalog.catch(() => (cached = undefined));
    cached = { at: origin, catalog };
  }
  return cached.catalog;
}
