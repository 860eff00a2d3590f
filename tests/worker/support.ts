/**
 * Helpers for Worker tests: enrolling offices and provinces with real keys (through the same
 * SQL the office tool writes), a key directory signed with the test province's offline key and
 * published beside the built site (as a deploy would publish dist/keys/), valid registrations,
 * and requests through the real app.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../functions/app.ts";
import type { Env } from "../../functions/env.ts";
import {
  fingerprint,
  generateKeySet,
  type PrivateKeys,
  type PublicKeys,
} from "../../site/src/core/domain/crypto/keys.ts";
import {
  rootOf,
  rootsFormat,
  signDirectory,
  type DirectoryOffice,
  type KeyDirectory,
  type KeyRoots,
} from "../../site/src/core/domain/crypto/directory.ts";
import {
  insertOfficeKeySql,
  insertOfficeSql,
  insertProvinceKeySql,
  officeIdFor,
  officeNameFor,
} from "../../site/src/core/domain/offices/records.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { formVersion } from "../../site/src/core/schemas/registration/fields.ts";
import { adultAnswers, childAnswers } from "../fixtures/registrants.ts";

export const origin = "http://127.0.0.1:8787";

/** A province as its administrator holds it: the offline keys, and what it has published. */
export interface TestProvince {
  code: string;
  /** Signs the key directory (offline). */
  root: PrivateKeys;
  /** Opens every item of the province (offline). */
  recovery: PrivateKeys;
  /** The administrator's signing-only sign-in key (figures). */
  signIn?: PrivateKeys;
  offices: DirectoryOffice[];
  version: number;
}
const provinces = new Map<string, TestProvince>();
/** What is published under /keys/ (path → JSON), laid over the built site's assets. */
const published = new Map<string, string>();

export async function publish(p: TestProvince): Promise<KeyDirectory> {
  p.version++;
  const recoveryPublic = {
    kid: p.recovery.kid,
    fingerprint: await fingerprint({ encryption: p.recovery.encryption }),
    encryption: p.recovery.encryption!,
  };
  const root = await rootOf(p.root.signing!);
  const directory = await signDirectory(
    {
      provinceCode: p.code,
      version: p.version,
      issuedAt: new Date().toISOString(),
      recovery: recoveryPublic,
      offices: p.offices,
    },
    { kid: root.kid, signing: p.root.signing! },
  );
  published.set(`/keys/${p.code}.json`, JSON.stringify(directory));
  const roots: KeyRoots = { format: rootsFormat, provinces: {} };
  for (const q of provinces.values()) roots.provinces[q.code] = await rootOf(q.root.signing!);
  published.set("/keys/roots.json", JSON.stringify(roots));
  return directory;
}

export async function testProvince(code: string): Promise<TestProvince> {
  let p = provinces.get(code);
  if (!p) {
    p = {
      code,
      root: (await generateKeySet({ signing: true })).privateKeys,
      recovery: (await generateKeySet({ encryption: true })).privateKeys,
      offices: [],
      version: 0,
    };
    provinces.set(code, p);
    await publish(p);
  }
  return p;
}

/** The assets binding with the published key directory laid over the built site. */
export const assets = {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const body = published.get(new URL(request.url).pathname);
    if (body !== undefined)
      return Promise.resolve(
        new Response(body, { headers: { "Content-Type": "application/json" } }),
      );
    return env.ASSETS.fetch(request);
  },
} as unknown as Fetcher;

/** The Worker's environment as deployed: the real bindings, with the published directory. */
export function workerEnv(overrides: Partial<Env> = {}): Env {
  return { ...(env as unknown as Env), ASSETS: assets, ...overrides };
}

export interface Enrolled {
  officeId: string;
  keys: PrivateKeys;
  publicKeys: PublicKeys;
}

/** The office as enrolled and published: its keys in D1 (sign-in) and in the signed directory. */
export async function enrollOffice(
  communeCode: string,
  options: {
    email?: string | null;
    webhookUrl?: string | null;
    officeId?: string;
    publish?: boolean;
    /** The province's receiving point (no commune of its own). */
    point?: boolean;
  } = {},
): Promise<Enrolled> {
  const provinceCode = communeByCode(communeCode)!.provinceCode;
  const province = await testProvince(provinceCode);
  const { publicKeys, privateKeys } = await generateKeySet();
  const commune = options.point ? null : communeCode;
  const officeId = options.officeId ?? officeIdFor(commune, provinceCode);
  const name = officeNameFor(commune, provinceCode);
  const print = await fingerprint(publicKeys);
  await env.DB.batch([
    env.DB.prepare(
      insertOfficeSql({
        id: officeId,
        provinceCode,
        communeCode: commune,
        name,
        email: options.email === undefined ? `xa-${communeCode}@test.invalid` : options.email,
        webhookUrl: options.webhookUrl ?? null,
        demo: false,
      }),
    ),
    env.DB.prepare(insertOfficeKeySql(officeId, publicKeys, print)),
  ]);
  if (options.publish !== false) {
    province.offices = [
      ...province.offices.filter((o) => o.id !== officeId),
      {
        id: officeId,
        communeCode: commune,
        name,
        kid: publicKeys.kid,
        fingerprint: print,
        encryption: publicKeys.encryption!,
        signing: publicKeys.signing!,
      },
    ];
    await publish(province);
  }
  return { officeId, keys: privateKeys, publicKeys };
}

/**
 * The province's keys: its sign-in key in D1 (signing only), and its offline recovery key (in
 * the published directory). `keys` signs in; `recovery` opens every item of the province.
 */
export async function enrollProvince(
  provinceCode: string,
  alertEmail: string | null = `tinh-${provinceCode}@test.invalid`,
): Promise<{ keys: PrivateKeys; recovery: PrivateKeys; province: TestProvince }> {
  const province = await testProvince(provinceCode);
  const { publicKeys, privateKeys } = await generateKeySet({ signing: true });
  province.signIn = privateKeys;
  await env.DB.prepare(insertProvinceKeySql(provinceCode, publicKeys, alertEmail)).run();
  return { keys: privateKeys, recovery: province.recovery, province };
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

export async function request(
  path: string,
  init: RequestInit = {},
  envOverrides: Partial<Env> = {},
  base = origin,
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("CF-Connecting-IP")) headers.set("CF-Connecting-IP", nextClient());
  init = { ...init, headers };
  const ctx = createExecutionContext();
  const res = await app.request(new URL(path, base).href, init, workerEnv(envOverrides), ctx);
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

/** Every value stored in every table, as one string (to look for plaintext, or a reference). */
export async function everythingStored(): Promise<string> {
  const tables = (
    await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    ).all<{ name: string }>()
  ).results;
  const parts: string[] = [];
  for (const { name } of tables)
    parts.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
  return parts.join("\n");
}

/** The stored item of a reference, and the context its envelope is bound to. */
export async function storedItem(reference: string) {
  const row = await env.DB.prepare("SELECT * FROM items WHERE reference = ?")
    .bind(reference)
    .first<Record<string, string>>();
  if (!row) return null;
  return {
    row,
    envelope: JSON.parse(row.envelope!),
    ctx: {
      kind: row.kind!,
      reference,
      communeCode: row.commune_code!,
      formVersion: row.form_version!,
    },
  };
}
