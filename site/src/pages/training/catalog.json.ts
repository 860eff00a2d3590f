/** dist/training/catalog.json, read by the Worker (see site/src/core/domain/training/catalog.ts). */
import { buildCatalog } from "../../lib/training/modules.ts";

export async function GET() {
  return new Response(JSON.stringify(await buildCatalog()), {
    headers: { "Content-Type": "application/json" },
  });
}
