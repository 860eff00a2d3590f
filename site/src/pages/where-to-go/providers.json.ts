/**
 * /where-to-go/providers.json: the listings as data for the finder island (filters and distance
 * are computed on the reader's device; the location never leaves it).
 */
import type { APIRoute } from "astro";
import { allProviders } from "../../lib/directory.ts";
import { provinceByCode, provincePath } from "../../core/domain/admin-units/index.ts";

export const GET: APIRoute = async () => {
  const listings = (await allProviders()).map(({ data: p }) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    services: p.services,
    provinceCode: p.provinceCode,
    province: provinceByCode(p.provinceCode)!.name,
    path: `${provincePath(provinceByCode(p.provinceCode)!)}#provider-${p.id}`,
    coordinates: p.coordinates ?? null,
    ages: p.ages ?? null,
    languages: p.languages,
    costs: p.costs,
  }));
  return new Response(JSON.stringify({ listings }), {
    headers: { "Content-Type": "application/json" },
  });
};
