/**
 * What the office tool writes to D1: offices, their public keys (for sign-in; the keys items are
 * sealed to come only from the signed directory), enrolments, and the province administrators'
 * signing-only sign-in keys. Only public keys are ever stored.
 */
import { sql } from "./sql.ts";
import type { PublicKeys } from "../crypto/keys.ts";
import { communeByCode, nameInSentence, provinceByCode } from "../admin-units/index.ts";
import { settingsFor } from "../settings/provinces.ts";

/** The first office of a commune is commune-03253; one enrolled after a revocation, commune-03253-2. */
export function officeIdFor(
  communeCode: string | null,
  provinceCode: string,
  generation = 1,
): string {
  const base = communeCode ? `commune-${communeCode}` : `province-${provinceCode}-point`;
  return generation > 1 ? `${base}-${generation}` : base;
}

/** The office's name follows the province's setting of who receives registrations. */
export function officeNameFor(communeCode: string | null, provinceCode: string): string {
  if (!communeCode)
    return `Điểm tiếp nhận của ${nameInSentence(provinceByCode(provinceCode)!.name)}`;
  const commune = communeByCode(communeCode)!;
  return settingsFor(provinceCode).receivingBody === "commune-police"
    ? `Công an ${nameInSentence(commune.name)}`
    : `Bộ phận một cửa, Ủy ban nhân dân ${nameInSentence(commune.name)}`;
}

export function insertOfficeSql(o: {
  id: string;
  provinceCode: string;
  communeCode: string | null;
  name: string;
  email: string | null;
  webhookUrl: string | null;
  demo: boolean;
}): string {
  return `INSERT INTO offices (id, province_code, commune_code, name, email, webhook_url, demo) VALUES (${sql(o.id)}, ${sql(o.provinceCode)}, ${sql(o.communeCode)}, ${sql(o.name)}, ${sql(o.email)}, ${sql(o.webhookUrl)}, ${o.demo ? 1 : 0})`;
}

export function insertOfficeKeySql(
  officeId: string,
  keys: PublicKeys,
  fingerprint: string,
): string {
  return `INSERT INTO office_keys (kid, office_id, encryption_jwk, signing_jwk, fingerprint) VALUES (${sql(keys.kid)}, ${sql(officeId)}, ${sql(JSON.stringify(keys.encryption))}, ${sql(JSON.stringify(keys.signing))}, ${sql(fingerprint)})`;
}

/** The administrator's sign-in key for the province's figures: signing only. */
export function insertProvinceKeySql(
  provinceCode: string,
  keys: PublicKeys,
  alertEmail: string | null,
): string {
  if (!keys.signing || keys.encryption) throw new Error("a province sign-in key signs only");
  return `INSERT INTO province_keys (kid, province_code, signing_jwk, alert_email) VALUES (${sql(keys.kid)}, ${sql(provinceCode)}, ${sql(JSON.stringify(keys.signing))}, ${sql(alertEmail)})`;
}
