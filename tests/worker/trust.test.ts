/**
 * Issue 15's promises, each tried as an attacker or a careless operator would, in workerd with
 * the real D1 schema and a key directory signed with the province's offline key:
 *  - sealed on the device: the Worker stores the ciphertext it is given, only if it is addressed
 *    to the routed office's and the recovery key from the signed directory;
 *  - a rogue "active" key inserted in D1 is never sealed to;
 *  - without JavaScript the answers never reach a log, a queue message, an error or D1;
 *  - idempotency bound to content; status codes counted atomically; the receipt shown once;
 *  - erasure and retention leave no row that names the case; revocation hands the cases over.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  adult,
  count,
  enrollOffice,
  enrollProvince,
  everythingStored,
  origin,
  postForm,
  publish,
  request,
  storedItem,
  submitJson,
  testProvince,
  workerEnv,
  type Enrolled,
  type TestProvince,
} from "./support.ts";
import {
  openItem,
  sealItem,
  DecryptionError,
  type ItemEnvelope,
} from "../../site/src/core/domain/crypto/hpke.ts";
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { fingerprint, generateKeySet, signText } from "../../site/src/core/domain/crypto/keys.ts";
import { routeItem } from "../../functions/items/route.ts";
import { maxAttempts } from "../../functions/items/lookup.ts";
import { purgeExpired } from "../../functions/delivery/sweep.ts";
import { signInMessage } from "../../site/src/core/schemas/office.ts";
import { insertOfficeKeySql } from "../../site/src/core/domain/offices/records.ts";
import { itemsOfOfficeSql, revokeStatements } from "../../site/src/core/domain/offices/actions.ts";
import { registrationFormVersion } from "../../site/src/core/schemas/registration/payload.ts";
import { formVersion } from "../../site/src/core/schemas/registration/fields.ts";
import { newReference } from "../../site/src/core/domain/registration/reference.ts";

let tuanGiao: Enrolled;
let dienBien: Awaited<ReturnType<typeof enrollProvince>>;

beforeAll(async () => {
  tuanGiao = await enrollOffice("03253");
  dienBien = await enrollProvince("11");
  await enrollOffice("03256"); // another commune of the province
  // The province's receiving point: where a revoked office's cases go when no office is named.
  await enrollOffice("03253", { point: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * What the island gets before sealing: a fresh key, its reference, and the routed office (from
 * POST /api/registrations/seal, as the check page's island asks when the draft is on the device),
 * and the check page itself (which says what happens without JavaScript).
 */
async function checkPage(answers = adult()) {
  const idempotencyKey = crypto.randomUUID();
  const res = await request("/api/registrations/seal", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify({
      idempotencyKey,
      provinceCode: answers.provinceCode,
      communeCode: answers.communeCode,
    }),
  });
  expect(res.status).toBe(200);
  const info = await res.json<{ sealReference: string; sealOffice: string }>();
  const html = await (await request("/vi/register/check/")).text();
  return { html, idempotencyKey, reference: info.sealReference, officeId: info.sealOffice };
}

/** The island's work, done as the browser does it: seal on the device to the directory's keys. */
async function sealedBody(page: Awaited<ReturnType<typeof checkPage>>, content = "Lò Văn Ún") {
  const route = (await routeItem(workerEnv(), "11", "03253"))!;
  expect(route.officeId).toBe(page.officeId);
  const envelope = await sealItem(
    utf8.encode(JSON.stringify({ person: { fullName: content } })),
    {
      kind: "registration",
      reference: page.reference,
      communeCode: "03253",
      formVersion: registrationFormVersion,
    },
    route.recipients,
  );
  return {
    envelope,
    body: {
      lang: "vi",
      formVersion,
      idempotencyKey: page.idempotencyKey,
      provinceCode: "11",
      communeCode: "03253",
      treatmentForm: "home",
      envelope: JSON.stringify(envelope),
    },
  };
}

describe("sealed on the device, to keys from the signed directory only", () => {
  it("stores the ciphertext it was given, which opens with the office key and the recovery key", async () => {
    const page = await checkPage();
    expect(page.html).toContain("Trình duyệt này đang tắt JavaScript"); // the no-JS sentence
    const { body, envelope } = await sealedBody(page);
    const res = await submitJson(body);
    expect(res.status).toBe(201);
    const receipt = await res.json<{ reference: string; sealedOn: string; statusCode: string }>();
    expect(receipt.reference).toBe(page.reference);
    expect(receipt.sealedOn).toBe("device");
    expect(receipt.statusCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    const item = (await storedItem(page.reference))!;
    expect(item.envelope).toEqual(envelope);
    expect(item.row.sealed_on).toBe("device");
    for (const k of [tuanGiao.keys, dienBien.recovery])
      expect(utf8.decode(await openItem(item.envelope, item.ctx, k.kid, k.encryption!))).toContain(
        "Lò Văn Ún",
      );
  });

  it("refuses a ciphertext addressed to a key that is not in the directory, and stores nothing", async () => {
    const page = await checkPage();
    const rogue = (await generateKeySet()).privateKeys;
    const envelope = await sealItem(
      utf8.encode("{}"),
      {
        kind: "registration",
        reference: page.reference,
        communeCode: "03253",
        formVersion: registrationFormVersion,
      },
      [
        { kid: rogue.kid, role: "office", publicKey: rogue.encryption! },
        { kid: dienBien.recovery.kid, role: "recovery", publicKey: dienBien.recovery.encryption! },
      ],
    );
    const before = await count("items");
    const res = await submitJson({
      ...(await sealedBody(page)).body,
      envelope: JSON.stringify(envelope),
    });
    expect(res.status).toBe(400);
    expect(
      (await res.json<{ error: string; fields: { message: string }[] }>()).fields[0]!.message,
    ).toContain("Khóa của nơi tiếp nhận đã thay đổi");
    expect(await count("items")).toBe(before);
  });

  it("refuses a ciphertext sealed for another reference or commune, or malformed; a flipped byte fails to open", async () => {
    const page = await checkPage();
    const { body, envelope } = await sealedBody(page);
    for (const bad of [
      { ...envelope, reference: newReference() },
      { ...envelope, communeCode: "03256" },
      { ...envelope, recipients: [{ ...envelope.recipients[0]!, enc: "short" }] },
    ]) {
      const res = await submitJson({ ...body, envelope: JSON.stringify(bad) });
      expect(res.status).toBe(400);
    }
    expect(await storedItem(page.reference)).toBeNull();
    // A byte flipped inside the ciphertext cannot be seen by the Worker (it cannot open it); the
    // office's inbox refuses to show it and reports it (the inbox test covers the report).
    const ct = fromBase64Url(envelope.recipients[0]!.ct);
    ct[3] = ct[3]! ^ 0x40;
    const flipped: ItemEnvelope = {
      ...envelope,
      recipients: [{ ...envelope.recipients[0]!, ct: toBase64Url(ct) }, envelope.recipients[1]!],
    };
    expect((await submitJson({ ...body, envelope: JSON.stringify(flipped) })).status).toBe(201);
    const item = (await storedItem(page.reference))!;
    await expect(
      openItem(item.envelope, item.ctx, tuanGiao.keys.kid, tuanGiao.keys.encryption!),
    ).rejects.toBeInstanceOf(DecryptionError);
  });

  it("a rogue 'active' key inserted in D1 is never sealed to, on either path", async () => {
    const rogue = await generateKeySet();
    await env.DB.batch([
      env.DB.prepare("UPDATE office_keys SET status = 'retired' WHERE office_id = ?").bind(
        tuanGiao.officeId,
      ),
      env.DB.prepare(insertOfficeKeySql(tuanGiao.officeId, rogue.publicKeys, "rogue")),
    ]);
    // A rogue office for the commune, newer than the real one, with its own key.
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO offices (id, province_code, commune_code, name, created_at) VALUES ('rogue-03253', '11', NULL, 'Rogue', '2099-01-01')",
      ),
      env.DB.prepare(
        insertOfficeKeySql("rogue-03253", (await generateKeySet()).publicKeys, "rogue"),
      ),
    ]);
    const plain = await (await submitJson(adult())).json<{ reference: string }>();
    const page = await checkPage();
    expect(page.officeId).toBe(tuanGiao.officeId);
    expect((await submitJson((await sealedBody(page)).body)).status).toBe(201);
    for (const reference of [plain.reference, page.reference]) {
      const item = (await storedItem(reference))!;
      expect(item.row.office_id).toBe(tuanGiao.officeId);
      const kids = item.envelope.recipients.map((r: { kid: string }) => r.kid).sort();
      expect(kids).toEqual([tuanGiao.keys.kid, dienBien.recovery.kid].sort());
      await expect(
        openItem(item.envelope, item.ctx, rogue.privateKeys.kid, rogue.privateKeys.encryption!),
      ).rejects.toThrow();
    }
    await env.DB.batch([
      env.DB.prepare("DELETE FROM office_keys WHERE fingerprint = 'rogue'"),
      env.DB.prepare("DELETE FROM offices WHERE id = 'rogue-03253'"),
      env.DB.prepare("UPDATE office_keys SET status = 'active' WHERE kid = ?").bind(
        tuanGiao.keys.kid,
      ),
    ]);
  });

  it("a directory whose signature does not verify is not used: no office", async () => {
    const p = await testProvince("11");
    const good = await publish(p);
    const forged = { ...good, version: good.version + 1 };
    const res = await request(
      "/api/registrations",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: origin },
        body: JSON.stringify(adult()),
      },
      {
        ASSETS: {
          fetch: (input: RequestInfo | URL, init?: RequestInit) => {
            const req = new Request(input, init);
            return new URL(req.url).pathname === "/keys/11.json"
              ? Promise.resolve(Response.json(forged))
              : workerEnv().ASSETS.fetch(req);
          },
        } as unknown as Fetcher,
      },
    );
    expect(res.status).toBe(503);
    expect((await res.json<{ error: string }>()).error).toBe("no-office");
  });
});

describe("without JavaScript the answers exist only in the request's memory", () => {
  it("never reach a log, a queue message, an error or D1", async () => {
    const secretName = "Người Thử Bí Mật";
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    const queued: unknown[] = [];
    const queue = {
      send: async (m: unknown) => {
        queued.push(m);
      },
      sendBatch: async (ms: unknown[]) => {
        queued.push(...ms);
      },
    } as unknown as Queue;
    const post = (body: Record<string, unknown>, overrides = {}) =>
      request(
        "/api/registrations",
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
          body: new URLSearchParams(
            Object.entries(body).flatMap(([k, v]) =>
              (Array.isArray(v) ? v : [v]).map((x) => [k, String(x)]),
            ),
          ).toString(),
        },
        { DELIVERY_QUEUE: queue, ...overrides },
      );
    const ok = await post(adult({ fullName: secretName }));
    expect(ok.status).toBe(303);
    // An error while storing (D1 refuses the batch): the answer says nothing of the answers either.
    const failing = await post(adult({ fullName: secretName, personalId: "011090999999" }), {
      DB: new Proxy(env.DB, {
        get: (target, prop) =>
          prop === "batch"
            ? () => Promise.reject(new Error(`D1 down while storing ${secretName}`))
            : Reflect.get(target, prop).bind(target),
      }),
    });
    expect(failing.status).toBe(503);
    const failingBody = await failing.text();
    expect(queued.length).toBeGreaterThan(0);
    const everywhere = [logged.join("\n"), JSON.stringify(queued), await everythingStored()];
    for (const where of everywhere) {
      expect(where).not.toContain(secretName);
      expect(where).not.toContain("011090123456");
      expect(where).not.toContain("Bản Quài Cang");
    }
    // The 503 page is the check page with the person's own answers, shown back to them only.
    expect(failingBody).not.toContain("D1 down");
  });
});

describe("idempotency bound to content", () => {
  it("same key, same content: the same receipt and status code; other content: 409, and the first unchanged", async () => {
    const first = adult();
    const a = await submitJson(first);
    expect(a.status).toBe(201);
    const ra = await a.json<{ reference: string; statusCode: string }>();
    const before = await storedItem(ra.reference);
    const again = await submitJson(first);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      reference: ra.reference,
      statusCode: ra.statusCode,
    });
    const other = await submitJson({ ...first, fullName: "Một Người Khác" });
    expect(other.status).toBe(409);
    const body = await other.json<{ error: string; fields: { message: string }[] }>();
    expect(body.error).toBe("idempotency-conflict");
    expect(body.fields[0]!.message).toContain("đã được dùng để gửi một hồ sơ đăng ký khác");
    expect(JSON.stringify(body)).not.toContain(ra.reference);
    expect(await storedItem(ra.reference)).toEqual(before);
    const en = await submitJson({ ...first, lang: "en", fullName: "Another Person" });
    expect((await en.json<{ fields: { message: string }[] }>()).fields[0]!.message).toContain(
      "already used to send a different registration",
    );
  });

  it("a retry after the window gets the same receipt without the code, never a new one", async () => {
    const body = adult();
    const { reference } = await (await submitJson(body)).json<{ reference: string }>();
    await env.DB.prepare("UPDATE item_secrets SET receipt_until = '2000-01-01' WHERE reference = ?")
      .bind(reference)
      .run();
    const again = await submitJson(body);
    expect(await again.json()).toMatchObject({ reference, statusCode: null });
  });
});

const lookup = (reference: string, statusCode: string, ip?: string) =>
  request("/api/registrations/status", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Origin: origin,
      ...(ip ? { "CF-Connecting-IP": ip } : {}),
    },
    body: JSON.stringify({ reference, statusCode }),
  });

describe("status codes", () => {
  it("the code shows the status; another registration's code, or a code after erasure, shows nothing", async () => {
    const a = await (await submitJson(adult())).json<{ reference: string; statusCode: string }>();
    const b = await (await submitJson(adult())).json<{ reference: string; statusCode: string }>();
    const ok = await lookup(a.reference.toLowerCase(), a.statusCode.toLowerCase());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "received", commune: "Xã Tuần Giáo" });
    const reused = await lookup(a.reference, b.statusCode);
    expect(reused.status).toBe(404);
    const unknown = await lookup(newReference(), a.statusCode);
    expect(await reused.json()).toEqual(await unknown.json());
    await env.DB.prepare("DELETE FROM item_secrets WHERE reference = ?").bind(a.reference).run();
    expect((await lookup(a.reference, a.statusCode)).status).toBe(404);
  });

  it(`40 concurrent wrong codes, then the right one: locked (${maxAttempts} attempts are checked, no more)`, async () => {
    const { reference, statusCode } = await (
      await submitJson(adult())
    ).json<{
      reference: string;
      statusCode: string;
    }>();
    const wrong = statusCode.startsWith("2") ? "33333-33333" : "22222-22222";
    const answers = await Promise.all(Array.from({ length: 40 }, () => lookup(reference, wrong)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 404).length).toBe(maxAttempts);
    expect(statuses.filter((s) => s === 429).length).toBe(40 - maxAttempts);
    const right = await lookup(reference, statusCode);
    expect(right.status).toBe(429);
    const body = await right.json<{ error: string; fields: { message: string }[] }>();
    expect(body.error).toBe("locked");
    expect(body.fields[0]!.message).toContain("Công an xã, phường ghi trên biên nhận");
    const row = await env.DB.prepare(
      "SELECT failures, locked_until FROM item_secrets WHERE reference = ?",
    )
      .bind(reference)
      .first<{ failures: number; locked_until: string }>();
    expect(row!.failures).toBe(41);
    expect(row!.locked_until > new Date().toISOString()).toBe(true);
    // After the lock ends, the right code works again.
    await env.DB.prepare("UPDATE item_secrets SET locked_until = '2000-01-01' WHERE reference = ?")
      .bind(reference)
      .run();
    expect((await lookup(reference, statusCode)).status).toBe(200);
  });

  it("the receipt shows the code once to the browser that sent; the reference alone shows nothing", async () => {
    const res = await postForm("/api/registrations", adult());
    expect(res.status).toBe(303);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__Host-loi_ve_receipt=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    const location = res.headers.get("Location")!;
    const reference = location.split("/")[4]!;
    const first = await request(location, { headers: { Cookie: cookie.split(";")[0]! } });
    const html = await first.text();
    expect(html).toContain("Xã Tuần Giáo");
    const code = html.match(/data-status-code[^>]*>([^<]+)</)![1]!;
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(first.headers.get("Set-Cookie")).toMatch(/__Host-loi_ve_receipt=;/);
    expect((await lookup(reference, code)).status).toBe(200);
    // The same address again, without the cookie (reload, bookmark, someone else): nothing.
    for (const again of [
      await request(location),
      await request(location, { headers: { Cookie: cookie.split(";")[0]! } }),
    ]) {
      const text = await again.text();
      expect(text).not.toContain("Xã Tuần Giáo");
      expect(text).not.toContain(code);
      expect(text).toContain("Biên nhận chỉ hiện một lần");
    }
  });
});

async function signIn(id: string, keys: { kid: string; signing?: JsonWebKey }, kind = "office") {
  const { nonce } = await (
    await request("/api/office/challenge", { method: "POST", headers: { Origin: origin } })
  ).json<{ nonce: string }>();
  const res = await request("/api/office/session", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify({
      kind,
      id,
      kid: keys.kid,
      nonce,
      signature: await signText(keys.signing!, signInMessage(kind, id, nonce)),
    }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("Set-Cookie")!.split(";")[0]!;
}

const officeJson = (cookie: string, body?: unknown) => ({
  method: body === undefined ? "GET" : "POST",
  headers: { "Content-Type": "application/json", Origin: origin, Cookie: cookie },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** Any row, in any table, that still names the case. */
async function rowsNaming(reference: string): Promise<string[]> {
  const tables = (
    await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>()
  ).results;
  const found: string[] = [];
  for (const { name } of tables)
    for (const row of (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results)
      if (JSON.stringify(row).includes(reference)) found.push(name);
  return [...new Set(found)];
}

describe("deletion that deletes", () => {
  it("erase now: confirmed, audited, and no row in any table names the case", async () => {
    const { reference } = await (await submitJson(adult())).json<{ reference: string }>();
    const cookie = await signIn(tuanGiao.officeId, tuanGiao.keys);
    // Everything that can name a case: a view, a status, a notification.
    await request(`/api/office/registrations/${reference}`, officeJson(cookie));
    await request(
      `/api/office/registrations/${reference}/status`,
      officeJson(cookie, { status: "appointment", message: "Thứ Hai" }),
    );
    const { deliver } = await import("../../functions/delivery/deliver.ts");
    const { results } = await env.DB.prepare("SELECT id FROM deliveries WHERE reference = ?")
      .bind(reference)
      .all<{ id: string }>();
    const sent: unknown[] = [];
    for (const d of results)
      await deliver(
        workerEnv({
          EMAIL: { send: async (m: unknown) => void sent.push(m) } as unknown as SendEmail,
        }),
        d.id,
      );
    expect(sent.length).toBe(1);
    expect((await rowsNaming(reference)).sort()).toEqual(
      [
        "audit_log",
        "deliveries",
        "item_secrets",
        "items",
        "notification_items",
        "registrations",
      ].sort(),
    );
    const mismatch = await request(
      `/api/office/registrations/${reference}/erase`,
      officeJson(cookie, { confirm: newReference() }),
    );
    expect(mismatch.status).toBe(400);
    expect(await storedItem(reference)).not.toBeNull();
    const erased = await request(
      `/api/office/registrations/${reference}/erase`,
      officeJson(cookie, { confirm: reference.toLowerCase() }),
    );
    expect(erased.status).toBe(200);
    expect(await rowsNaming(reference)).toEqual([]);
    const notice = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE body LIKE ?")
      .bind(`%${reference.slice(0, 4)}-${reference.slice(4, 8)}%`)
      .first<{ n: number }>();
    expect(notice!.n).toBe(0);
    const audited = await env.DB.prepare(
      "SELECT actor_id, reference, detail FROM audit_log WHERE action = 'erase' ORDER BY id DESC LIMIT 1",
    ).first();
    expect(audited).toEqual({
      actor_id: tuanGiao.officeId,
      reference: null,
      detail: "registration",
    });
  });

  it("erasing an unknown reference, or another office's: a clear refusal, and nothing changes", async () => {
    const { reference } = await (
      await submitJson(adult({ communeCode: "03256" }))
    ).json<{ reference: string }>();
    const cookie = await signIn(tuanGiao.officeId, tuanGiao.keys);
    // Everything but the session's idle timer, which every signed-in request moves.
    const stored = async () => (await everythingStored()).replace(/"last_seen_at":"[^"]*"/g, "");
    const before = await stored();
    for (const ref of [newReference(), reference]) {
      const res = await request(
        `/api/office/registrations/${ref}/erase`,
        officeJson(cookie, { confirm: ref }),
      );
      expect(res.status).toBe(404);
      expect((await res.json<{ key: string }>()).key).toBe("office.erase.notFound");
    }
    expect(await stored()).toBe(before);
  });

  it("retention removes closed cases after their period and never-closed cases at the maximum age; reopening keeps the date", async () => {
    const closed = (await (await submitJson(adult())).json<{ reference: string }>()).reference;
    const open = (await (await submitJson(adult())).json<{ reference: string }>()).reference;
    const cookie = await signIn(tuanGiao.officeId, tuanGiao.keys);
    const retain = async (r: string) =>
      (await env.DB.prepare("SELECT retain_until FROM items WHERE reference = ?")
        .bind(r)
        .first<{ retain_until: string }>())!.retain_until;
    const atArrival = await retain(closed);
    expect(Date.parse(atArrival) - Date.now()).toBeGreaterThan(364 * 86_400_000);
    await request(
      `/api/office/registrations/${closed}/status`,
      officeJson(cookie, { status: "closed" }),
    );
    const afterClosing = await retain(closed);
    expect(Date.parse(afterClosing) - Date.now()).toBeLessThan(31 * 86_400_000);
    await request(
      `/api/office/registrations/${closed}/status`,
      officeJson(cookie, { status: "appointment" }),
    );
    expect(await retain(closed)).toBe(afterClosing); // reopened: the date stays
    await request(
      `/api/office/registrations/${closed}/status`,
      officeJson(cookie, { status: "closed" }),
    );
    expect(await retain(closed)).toBe(afterClosing); // closed again later: never pushed back

    expect(await purgeExpired(workerEnv(), new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(
      await purgeExpired(workerEnv(), new Date(Date.parse(afterClosing) + 1)),
    ).toBeGreaterThanOrEqual(1);
    expect(await rowsNaming(closed)).toEqual([]);
    expect(await rowsNaming(open)).not.toEqual([]);
    await purgeExpired(workerEnv(), new Date(Date.now() + 366 * 86_400_000));
    expect(await rowsNaming(open)).toEqual([]);
    // The audit chain still verifies after all this.
    const { verifyChain } = await import("../../site/src/core/domain/audit/chain.ts");
    const rows = (
      await env.DB.prepare("SELECT * FROM audit_log ORDER BY id").all<
        Record<string, string | number | null>
      >()
    ).results;
    const report = await verifyChain(
      rows.map((r) => ({
        seq: r.id as number,
        at: r.at as string,
        actorKind: r.actor_kind as string,
        actorId: r.actor_id as string,
        action: r.action as string,
        subjectDigest: r.subject_digest as string | null,
        prevHash: r.prev_hash as string | null,
        hash: r.hash as string | null,
        reference: r.reference as string | null,
        detail: r.detail as string | null,
        subjectSalt: r.subject_salt as string | null,
      })),
    );
    expect(report.ok, JSON.stringify(report.problem)).toBe(true);
    expect(report.erased).toBeGreaterThan(0);
    // And it is append-only: a sealed entry cannot be deleted or edited in D1.
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE id = 1").run()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      env.DB.prepare("UPDATE audit_log SET action = 'x' WHERE id = 1").run(),
    ).rejects.toThrow(/cannot change/);
  });
});

describe("offices that leave", () => {
  it("revoke → its cases go to the successor, deliveries stop; re-enrol → new registrations go to the new office", async () => {
    const leaving = await enrollOffice("03301");
    const province: TestProvince = await testProvince("11");
    const open = (
      await (await submitJson(adult({ communeCode: "03301" }))).json<{ reference: string }>()
    ).reference;
    expect((await storedItem(open))!.row.office_id).toBe(leaving.officeId);
    // The administrator's offline tool: the same statements `npm run offices -- revoke` runs.
    const items = (await env.DB.prepare(itemsOfOfficeSql(leaving.officeId)).all())
      .results as never[];
    const successor = province.offices.find((o) => o.id === "province-11-point")!;
    const { statements, unreadable } = await revokeStatements(
      leaving.officeId,
      items,
      [province.recovery],
      successor,
    );
    expect(unreadable).toEqual([]);
    await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    province.offices = province.offices.filter((o) => o.id !== leaving.officeId);
    await publish(province);
    // Its deliveries stopped; its cases readable by the successor, not by the revoked office.
    const states = await env.DB.prepare("SELECT state FROM deliveries WHERE reference = ?")
      .bind(open)
      .all<{ state: string }>();
    expect(states.results.every((d) => d.state === "stopped" || d.state === "sent")).toBe(true);
    const item = (await storedItem(open))!;
    expect(item.row.office_id).toBe("province-11-point");
    const point = province.offices.find((o) => o.id === "province-11-point")!;
    expect(item.envelope.recipients.map((r: { kid: string }) => r.kid)).toContain(point.kid);
    await expect(
      openItem(item.envelope, item.ctx, leaving.keys.kid, leaving.keys.encryption!),
    ).rejects.toThrow();
    // New registrations route to the successor at once.
    const meanwhile = await (
      await submitJson(adult({ communeCode: "03301" }))
    ).json<{ reference: string; office: string }>();
    expect((await storedItem(meanwhile.reference))!.row.office_id).toBe("province-11-point");
    // Re-enrolling the commune works (a new office id; no foreign-key error), and takes new registrations.
    const again = await enrollOffice("03301", { officeId: "commune-03301-2" });
    const after = (
      await (await submitJson(adult({ communeCode: "03301" }))).json<{ reference: string }>()
    ).reference;
    const newItem = (await storedItem(after))!;
    expect(newItem.row.office_id).toBe(again.officeId);
    expect(
      utf8.decode(
        await openItem(newItem.envelope, newItem.ctx, again.keys.kid, again.keys.encryption!),
      ),
    ).toContain("Lò Văn Phềnh");
  });
});

describe("enrolment on the office's own device", () => {
  it("the code takes only public keys, once, and the fingerprint is computed by the Worker", async () => {
    const code = "ABCDEFGHJKMNPQRS";
    const { sha256Hex } = await import("../../site/src/core/domain/crypto/canonical.ts");
    await env.DB.prepare(
      "INSERT INTO office_enrolments (office_id, province_code, commune_code, name, code_hash, expires_at) VALUES ('commune-03259', '11', '03259', 'X', ?, '2999-01-01')",
    )
      .bind(await sha256Hex(`loi-ve/enrolment/v1|${code}`))
      .run();
    const keys = await generateKeySet();
    const post = (body: unknown) =>
      request("/api/office/enrolment", {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: origin },
        body: JSON.stringify(body),
      });
    // A private key is refused.
    expect(
      (
        await post({
          code,
          encryption: keys.privateKeys.encryption,
          signing: keys.publicKeys.signing,
        })
      ).status,
    ).toBe(400);
    const ok = await post({
      code: "abcd-efgh-jkmn-pqrs",
      encryption: keys.publicKeys.encryption,
      signing: keys.publicKeys.signing,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      kid: keys.publicKeys.kid,
      fingerprint: await fingerprint(keys.publicKeys),
    });
    expect(
      (
        await post({
          code,
          encryption: keys.publicKeys.encryption,
          signing: keys.publicKeys.signing,
        })
      ).status,
    ).toBe(404);
  });
});
