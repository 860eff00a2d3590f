/**
 * Where an item goes: the commune's active office, else the office that took over from a revoked
 * one, else the province's receiving point; and the keys it is sealed to. Offices come from D1
 * (active or revoked, where notifications go); keys come only from the signed directory.
 */
import type { Env } from "../env.ts";
import { loadDirectory } from "./directory.ts";
import { officesForRouting, type OfficeRow } from "../office/store.ts";
import { recipientsFor } from "../../site/src/core/domain/crypto/directory.ts";
import type { Recipient } from "../../site/src/core/domain/crypto/hpke.ts";

export interface ItemRoute {
  officeId: string;
  officeName: string;
  officeEmail: string | null;
  webhookUrl: string | null;
  recipients: Recipient[];
}

export async function routeItem(
  env: Pick<Env, "ASSETS" | "DB">,
  provinceCode: string,
  communeCode: string,
): Promise<ItemRoute | undefined> {
  const directory = await loadDirectory(env, provinceCode);
  if (!directory) return undefined;
  const results = await officesForRouting(env.DB, provinceCode, communeCode);
  const listed = (o: OfficeRow | undefined) =>
    o && o.status === "active" && recipientsFor(directory, o.id) ? o : undefined;
  const own = results.filter((o) => o.commune_code === communeCode);
  const byId = new Map(results.map((o) => [o.id, o]));
  const chosen =
    own.map(listed).find(Boolean) ??
    own
      .filter((o) => o.status === "revoked" && o.successor_id)
      .map((o) => listed(byId.get(o.successor_id!)))
      .find(Boolean) ??
    results
      .filter((o) => o.commune_code === null)
      .map(listed)
      .find(Boolean);
  if (!chosen) return undefined;
  return {
    officeId: chosen.id,
    officeName: chosen.name,
    officeEmail: chosen.email,
    webhookUrl: chosen.webhook_url,
    recipients: recipientsFor(directory, chosen.id)!,
  };
}
