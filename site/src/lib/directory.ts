/** Where-to-go at build time: which providers to show on a commune or province page, in order. */
import { getCollection, type CollectionEntry } from "astro:content";
import { communesFromFormerDistrict } from "../core/domain/admin-units/former-units.ts";

export type ProviderEntry = CollectionEntry<"providers">;

let all: Promise<ProviderEntry[]> | undefined;
export function allProviders(): Promise<ProviderEntry[]> {
  all ??= getCollection("providers");
  return all;
}

/** The communes a listing serves: its own, or those formed from the former district it names. */
const servedCache = new Map<string, Set<string>>();
export function communesServedBy(p: ProviderEntry): Set<string> {
  let served = servedCache.get(p.id);
  if (!served) {
    const d = p.data;
    served = new Set(
      d.communeCode
        ? [d.communeCode]
        : d.formerDistrict
          ? communesFromFormerDistrict(
              d.provinceCode,
              d.formerDistrict.name,
              d.formerDistrict.province,
            )
          : [],
    );
    servedCache.set(p.id, served);
  }
  return served;
}

/** Listings in or for the commune first, then the rest of the province. */
export async function providersForCommune(provinceCode: string, communeCode: string) {
  const inProvince = (await allProviders()).filter((p) => p.data.provinceCode === provinceCode);
  const local = inProvince.filter((p) => communesServedBy(p).has(communeCode));
  return { local, elsewhere: inProvince.filter((p) => !local.includes(p)) };
}

export async function providersForProvince(provinceCode: string): Promise<ProviderEntry[]> {
  return (await allProviders()).filter((p) => p.data.provinceCode === provinceCode);
}
