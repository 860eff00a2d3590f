/**
 * Helpers for Worker tests: enrolling offices and provinces with real keys (through the same
 * SQL the office tool writes), valid registrations, and requests through the real app.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../functions/app.ts";
import {
  generateKeySet,
  type PrivateKeys,
  type PublicKeys,
} from "../../site/src/domain/crypto/keys.ts";
import {
  insertOfficeKeySql,
  insertOfficeSql,
  insertProvinceKeySql,
  officeIdFor,
  officeNameFor,
} from "../../scripts/offices/records.ts";
import { communeByCode } from "../../site/src/domain/admin-units/index.ts";
import { formVersion } from "../../site/src/schemas/registration/fields.ts";
import { adultAnswers, childAnswers } from "../support/answers.ts";

export const origin = "http://127.0.0.1:8787";

export interface Enrolled {
  officeId: string;
  keys: PrivateKeys;
  publicKeys: PublicKeys;
}

export async function enrollOffice(
  communeCode: string,
  options: { email?: string | null; webhookUrl?: string | null } = {},
): Promise<Enrolled> {
  const provinceCode = communeByCode(communeCode)!.provinceCode;
  const { publicKeys, privateKeys } = await generateKeySet();
  const officeId = officeIdFor(communeCode, provinceCode);
  await env.DB.batch([
    env.DB.prepare(
      insertOfficeSql({
        id: officeId,
        provinceCode,
        communeCode,
        name: officeNameFor(communeCode, provinceCode),
        email: options.email === undefined ? `xa-${communeCode}@test.invalid` : options.email,
        webhookUrl: options.webhookUrl ?? null,
        demo: false,
      }),
    ),
    env.DB.prepare(insertOfficeKeySql(officeId, publicKeys)),
  ]);
  return { officeId, keys: privateKeys, publicKeys };
}

export async function enrollProvince(
  provinceCode: string,
  alertEmail: string | null = `tinh-${provinceCode}@test.invalid`,
): Promise<{ keys: PrivateKeys; publicKeys: PublicKeys }> {
  const { publicKeys, privateKeys } = await generateKeySet();
  await env.DB.prepare(insertProvinceKeySql(provinceCode, publicKeys, alertEmail)).run();
  return { keys: privateKeys, publicKeys };
}

/** An adult registering themselves in Xã Tuần Giáo (Điện Biên), as the check page sends it. */
export function adult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    lang: "vi",
    formVersion,
    idempotencyKey: crypto.randomUUID(),
    ...adultAnswers(),
    ...overrides,
  };
}

/** A father registering his 15-year-old. */
export function child(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    lang: "vi",
    formVersion,
    idempotencyKey: crypto.randomUUID(),
    ...childAnswers(new Date()),
    ...overrides,
  };
}

let client = 0;
/** Each request comes from its own client address, unless a test says otherwise (the rate limit counts per client). */
function nextClient(): string {
  client = (client + 1) % 65_000;
  return `198.51.${Math.floor(client / 250)}.${client % 250}`;
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("CF-Connecting-IP")) headers.set("CF-Connecting-IP", nextClient());
  init = { ...init, headers };
  const ctx = createExecutionContext();
  const res = await app.request(new URL(path, origin).href, init, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export function submitJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return request("/api/registrations", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin, ...headers },
    body: JSON.stringify(body),
  });
}

export function formBody(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) params.append(k, String(x));
  return params.toString();
}

export function postForm(
  path: string,
  fields: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return request(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, ...headers },
    body: formBody(fields),
    redirect: "manual",
  });
}

export async function count(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}

/** Every value stored in every table, as one string (to look for plaintext). */
export async function everythingStored(): Promise<string> {
  const tables = (
    await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>()
  ).results;
  const parts: string[] = [];
  for (const { name } of tables)
    parts.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
  return parts.join("\n");
}
