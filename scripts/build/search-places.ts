/**
 * Writes the place shards, dist/search-data/places/<n>.json: every name a place can be searched
 * by (site/src/core/search/place-names.ts), grouped by the hash of its key, each shard with the
 * communes and provinces its names point at. The search island fetches the one shard a query's
 * key falls in (about 1 KB gzip) to tell a place query from a topic query.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { placeKeyOf, placeNames } from "../../site/src/core/search/place-names.ts";
import { placeBucket, placeBuckets, type PlaceShard } from "../../site/src/core/search/places.ts";

export const placesDir = "search-data/places";

export function writePlaceShards(dist: string): { names: number; shards: number; largest: number } {
  const { entries, common } = placeNames();
  const shards: PlaceShard[] = Array.from({ length: placeBuckets }, () => ({
    p: {},
    c: {},
    e: [],
  }));
  for (const entry of entries) {
    const shard = shards[placeBucket(placeKeyOf(entry, common))]!;
    shard.e.push(entry);
    const [, kind, targets] = entry;
    for (const code of targets.split(" ")) {
      if (kind === "p" || kind === "q") {
        shard.p[code] = provinceByCode(code)!.name;
      } else {
        const c = communeByCode(code)!;
        shard.c[code] = [c.name, c.provinceCode];
        shard.p[c.provinceCode] = provinceByCode(c.provinceCode)!.name;
      }
    }
  }
  const dir = join(dist, placesDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let largest = 0;
  shards.forEach((shard, n) => {
    const json = JSON.stringify(shard);
    largest = Math.max(largest, json.length);
    writeFileSync(join(dir, `${n}.json`), json);
  });
  return { names: entries.length, shards: shards.length, largest };
}
