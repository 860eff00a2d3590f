/**
 * The key directory as the Worker reads it: from the static build (dist/keys/), never from D1,
 * verified against the pinned roots (dist/keys/roots.json) before any key in it is used. A key
 * that someone inserts into D1 is never sealed to: D1 says only which listed office is active.
 */
import type { Env } from "../env.ts";
import {
  verifyDirectory,
  type KeyDirectory,
  type KeyRoots,
} from "../../site/src/core/domain/crypto/directory.ts";

export const keysPath = "/keys/";

/** Verified directories by signature: each distinct document is verified once per isolate. */
const verified = new Map<string, KeyDirectory>();

async function fetchJson(env: Pick<Env, "ASSETS">, path: string): Promise<unknown> {
  const res = await env.ASSETS.fetch(new Request(new URL(path, "https://assets.invalid")));
  if (!res.ok) {
    await res.body?.cancel();
    return undefined;
  }
  return res.json().catch(() => undefined);
}

/** The province's verified directory, or undefined (missing, or its signature does not verify). */
export async function loadDirectory(
  env: Pick<Env, "ASSETS">,
  provinceCode: string,
): Promise<KeyDirectory | undefined> {
  if (!/^\d{2}$/.test(provinceCode)) return undefined;
  const [roots, doc] = await Promise.all([
    fetchJson(env, `${keysPath}roots.json`),
    fetchJson(env, `${keysPath}${provinceCode}.json`),
  ]);
  const signature = (doc as { signature?: unknown } | undefined)?.signature;
  if (typeof signature !== "string") return undefined;
  const rootsKey = JSON.stringify(
    (roots as KeyRoots | undefined)?.provinces?.[provinceCode] ?? null,
  );
  const cacheKey = `${provinceCode}|${signature}|${rootsKey}`;
  const cached = verified.get(cacheKey);
  if (cached) return cached;
  try {
    const d = await verifyDirectory(doc, roots as KeyRoots, provinceCode);
    if (verified.size > 200) verified.clear();
    verified.set(cacheKey, d);
    return d;
  } catch (error) {
    console.error(
      JSON.stringify({
        event: "key-directory-refused",
        provinceCode,
        reason: (error as Error).message,
      }),
    );
    return undefined;
  }
}
