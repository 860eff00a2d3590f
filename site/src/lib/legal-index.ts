/** The claims and legal sources of the content collections, as the content checks read them. */
import { getCollection } from "astro:content";
import type { ClaimIndex } from "../core/content/checks.ts";

let cached: Promise<ClaimIndex> | undefined;

export function claimIndex(): Promise<ClaimIndex> {
  cached ??= Promise.all([getCollection("claims"), getCollection("legal")]).then(
    ([claims, sources]) => {
      const byId = new Map(claims.map((c) => [c.data.id, c.data]));
      const replaced = new Set(
        sources.filter((s) => s.data.status === "replaced").map((s) => s.data.id),
      );
      return { claim: (id) => byId.get(id), sourceReplaced: (id) => replaced.has(id) };
    },
  );
  return cached;
}
