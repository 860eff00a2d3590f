/**
 * /where-to-go/communes/<province code>.json: one province's communes, for the registration
 * island (the commune question and the answers read back). Small static files, so the island
 * never ships the whole list of 3,321 communes.
 */
import type { APIRoute } from "astro";
import {
  communesOf,
  provinceByCode,
  provinces,
  provinceSlug,
} from "../../../core/domain/admin-units/index.ts";

export function getStaticPaths() {
  return provinces.map((p) => ({ params: { province: p.code } }));
}

export const GET: APIRoute = ({ params }) => {
  const p = provinceByCode(params.province!)!;
  return new Response(
    JSON.stringify({
      province: { code: p.code, name: p.name, slug: provinceSlug(p) },
      communes: communesOf(p.code).map((c) => ({ code: c.code, name: c.name })),
    }),
    { headers: { "Content-Type": "application/json" } },
  );
};
