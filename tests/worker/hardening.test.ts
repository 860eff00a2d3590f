/**
 * Issue 15, section 7, one test each: webhook secrets per office, https only, no redirects,
 * a signed timestamp with a replay window; audit rows only after a verified action and sign-in
 * throttled; the outbox only when the Worker knows it is local; PROVINCE_SETTINGS checked with the
 * schema; no-store on office and API answers; no Server-Timing in production; the __Host- session
 * cookie; rate-limit keys the client cannot vary; online filings marked in the inbox.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adult,
  count,
  enrollOffice,
  enrollProvince,
  origin,
  request,
  submitJson,
  workerEnv,
  type Enrolled,
} from "./support.ts";
import { deliver } from "../../functions/delivery/deliver.ts";
import {
  verifyWebhook,
  webhookReplayWindowSeconds,
  webhookSecretFor,
} from "../../site/src/core/domain/crypto/webhook.ts";
import { signText } from "../../site/src/core/domain/crypto/keys.ts";
import { signInMessage } from "../../site/src/core/schemas/office.ts";
import { clientAddressKey } from "../../functions/http/rate-limit.ts";

let withHook: Enrolled;
let otherHook: Enrolled;

beforeAll(async () => {
  withHook = await enrollOffice("03253", {
    webhookUrl: "https://webhook.test/receive",
    email: null,
  });
  otherHook = await enrollOffice("02536", {
    webhookUrl: "https://webhook.test/receive",
    email: null,
  });
  await enrollProvince("11");
  await enrollProvince("08");
});

async function received(): Promise<
  { deliveryId: string; signature: string; body: string; timestamp?: string }[]
> {
  return (await fetch("https://webhook.test/received")).json();
}

async function webhookDeliveryOf(reference: string): Promise<string> {
  return (await env.DB.prepare(
    "SELECT id FROM deliveries WHERE reference = ? AND channel = 'webhook'",
  )
    .bind(reference)
    .first<{ id: string }>())!.id;
}

describe("webhooks", () => {
  it("each office's secret is its own; the signature covers a timestamp; the receiver refuses replays", async () => {
    await fetch("https://webhook.test/control?reset=1");
    const a = (await (await submitJson(adult())).json<{ reference: string }>()).reference;
    const b = (
      await (
        await submitJson(
          adult({
            provinceCode: "08",
            communeCode: "02536",
            "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX",
          }),
        )
      ).json<{ reference: string }>()
    ).reference;
    await deliver(workerEnv(), await webhookDeliveryOf(a));
    await deliver(workerEnv(), await webhookDeliveryOf(b));
    const [ra, rb] = await received();
    const master = env.WEBHOOK_SECRET!;
    const secretA = await webhookSecretFor(master, withHook.officeId);
    const secretB = await webhookSecretFor(master, otherHook.officeId);
    expect(secretA).not.toBe(secretB);
    const headers = (r: typeof ra) => ({
      timestamp: r!.timestamp!,
      deliveryId: r!.deliveryId,
      signature: r!.signature,
    });
    expect(await verifyWebhook(secretA, headers(ra), ra!.body)).toBe(true);
    expect(await verifyWebhook(secretB, headers(rb), rb!.body)).toBe(true);
    // One office's secret does not verify another's deliveries; nor does the master secret.
    expect(await verifyWebhook(secretB, headers(ra), ra!.body)).toBe(false);
    expect(await verifyWebhook(master, headers(ra), ra!.body)).toBe(false);
    // Replayed after the window, or with its timestamp changed: refused.
    const later = Number(ra!.timestamp) + webhookReplayWindowSeconds + 1;
    expect(await verifyWebhook(secretA, headers(ra), ra!.body, later)).toBe(false);
    expect(
      await verifyWebhook(
        secretA,
        { ...headers(ra), timestamp: String(Number(ra!.timestamp) + 1) },
        ra!.body,
      ),
    ).toBe(false);
    expect(JSON.parse(ra!.body)).toMatchObject({
      reference: a,
      kind: "registration",
      envelope: { v: 2 },
    });
  });

  it("http is refused without a request; a redirect is not followed", async () => {
    await fetch("https://webhook.test/control?reset=1");
    const { reference } = await (await submitJson(adult())).json<{ reference: string }>();
    const id = await webhookDeliveryOf(reference);
    await env.DB.prepare(
      "UPDATE deliveries SET target = 'http://webhook.test/receive' WHERE id = ?",
    )
      .bind(id)
      .run();
    await expect(deliver(workerEnv(), id)).rejects.toThrow("not https");
    expect(await received()).toEqual([]);
    await env.DB.prepare(
      "UPDATE deliveries SET target = 'https://webhook.test/redirect', lease_until = NULL WHERE id = ?",
    )
      .bind(id)
      .run();
    await expect(deliver(workerEnv(), id)).rejects.toThrow("redirect 302 not followed");
    expect(await received()).toEqual([]); // the redirect's target (/receive) got nothing
    const row = await env.DB.prepare("SELECT state, last_error FROM deliveries WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toMatchObject({
      state: "pending",
      last_error: "webhook: redirect 302 not followed",
    });
  });
});

describe("audit and sign-in", () => {
  it("a refused sign-in writes no audit row; sign-in attempts are throttled per client", async () => {
    const before = await count("audit_log");
    const ip = "203.0.113.7";
    const attempt = async () => {
      const ch = await request("/api/office/challenge", {
        method: "POST",
        headers: { Origin: origin, "CF-Connecting-IP": ip },
      });
      if (ch.status !== 200) return ch.status;
      const { nonce } = await ch.json<{ nonce: string }>();
      return (
        await request("/api/office/session", {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin, "CF-Connecting-IP": ip },
          body: JSON.stringify({
            kind: "office",
            id: "commune-03253",
            kid: "x",
            nonce,
            signature: "AAAA",
          }),
        })
      ).status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await attempt());
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    expect(await count("audit_log")).toBe(before);
    // Another client is not affected.
    const other = await request("/api/office/challenge", {
      method: "POST",
      headers: { Origin: origin },
    });
    expect(other.status).toBe(200);
  });

  it("a verified sign-in is audited, and the session cookie is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/", async () => {
    const { nonce } = await (
      await request("/api/office/challenge", { method: "POST", headers: { Origin: origin } })
    ).json<{ nonce: string }>();
    const res = await request("/api/office/session", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify({
        kind: "office",
        id: withHook.officeId,
        kid: withHook.keys.kid,
        nonce,
        signature: await signText(
          withHook.keys.signing!,
          signInMessage("office", withHook.officeId, nonce),
        ),
      }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(
      /^__Host-loi_ve_office=[^;]+; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const last = await env.DB.prepare(
      "SELECT actor_id, action, hash FROM audit_log ORDER BY id DESC LIMIT 1",
    ).first();
    expect(last).toMatchObject({ actor_id: withHook.officeId, action: "sign-in" });
    expect((last as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
    // The list marks online filings whose identity nobody has checked yet.
    await submitJson(adult());
    const list = await (
      await request("/api/office/registrations", { headers: { Cookie: cookie.split(";")[0]! } })
    ).json<{ registrations: { sealed_on: string; identity_checked_at: string | null }[] }>();
    expect(list.registrations[0]).toMatchObject({ sealed_on: "worker", identity_checked_at: null });
  });
});

describe("what the Worker says about itself", () => {
  it("the outbox only when local: development AND a loopback address", async () => {
    expect((await request("/vi/office/outbox/")).status).toBe(200);
    const deployed = await request("/vi/office/outbox/", {}, {}, "https://loi-ve.example.org");
    expect(deployed.status).toBe(404);
    expect((await request("/vi/office/outbox/", {}, { ENVIRONMENT: "production" })).status).toBe(
      404,
    );
  });

  it("Server-Timing only when local; no-store on the API and office answers", async () => {
    expect((await request("/api/health")).headers.get("Server-Timing")).toMatch(/^worker;dur=/);
    for (const res of [
      await request("/api/health", {}, {}, "https://loi-ve.example.org"),
      await request("/api/health", {}, { ENVIRONMENT: "production" }),
      await request("/vi/", {}, { ENVIRONMENT: "production" }),
    ])
      expect(res.headers.get("Server-Timing")).toBeNull();
    for (const path of ["/api/health", "/api/office/me", "/vi/office/"])
      expect((await request(path)).headers.get("Cache-Control"), path).toBe("no-store");
  });

  it("PROVINCE_SETTINGS is checked with the schema: a wrong value stops the Worker with 503, and says why in the log", async () => {
    for (const bad of [
      '{"11":{"retentionDaysAfterClosing":0}}',
      '{"11":{"retentionMaxDays":5}}',
      "not json",
      '{"11":{"turnstile":{"enabled":true}}}',
    ]) {
      const res = await request(
        "/api/registrations",
        {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin },
          body: JSON.stringify(adult()),
        },
        { PROVINCE_SETTINGS: bad },
      );
      expect(res.status, bad).toBe(503);
      expect(await res.json()).toEqual({ error: "settings-invalid" });
      expect((await request("/api/health", {}, { PROVINCE_SETTINGS: bad })).status).toBe(503);
    }
  });

  it("rate-limit keys come from the client's address only: another commune does not buy more tries; IPv6 counts by /64", async () => {
    const ip = "2001:db8:5:7::1";
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await submitJson(
        adult({ communeCode: i % 2 ? "03253" : "03256", idempotencyKey: "short" }),
        { "CF-Connecting-IP": ip.replace("::1", `::${(i + 1).toString(16)}`) },
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(
      clientAddressKey(
        new Request("https://x", { headers: { "CF-Connecting-IP": "2001:db8:5:7:aaaa::9" } }),
      ),
    ).toBe("2001:db8:5:7::/64");
    expect(
      clientAddressKey(
        new Request("https://x", { headers: { "CF-Connecting-IP": "2001:0db8:0005:0007::ffff" } }),
      ),
    ).toBe("2001:db8:5:7::/64");
    expect(
      clientAddressKey(
        new Request("https://x", { headers: { "CF-Connecting-IP": "198.51.100.4" } }),
      ),
    ).toBe("198.51.100.4");
  });
});
