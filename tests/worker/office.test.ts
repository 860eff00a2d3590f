/**
 * The office inbox API: sign-in by signature, sessions that expire, office isolation, status
 * back to the family, the audit log, province figures with small counts suppressed, and retention.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adult,
  child,
  enrollOffice,
  enrollProvince,
  origin,
  request,
  submitJson,
  type Enrolled,
} from "./support.ts";
import { signText, type PrivateKeys } from "../../site/src/core/domain/crypto/keys.ts";
import { openItem, type ItemEnvelope } from "../../site/src/core/domain/crypto/hpke.ts";
import { registrationFormVersion } from "../../site/src/core/schemas/registration/payload.ts";
import { idleMinutes } from "../../functions/office/auth.ts";
import { signInMessage } from "../../site/src/core/schemas/office.ts";
import { suppressBelow } from "../../site/src/core/schemas/office.ts";

let tuanGiao: Enrolled;
let quaiToGiao: Enrolled; // another commune of the same province
let dienBien: { keys: PrivateKeys };

beforeAll(async () => {
  tuanGiao = await enrollOffice("03253");
  quaiToGiao = await enrollOffice("03256");
  dienBien = await enrollProvince("11");
});

const json = (method: string, body?: unknown, cookie?: string) => ({
  method,
  headers: {
    "Content-Type": "application/json",
    Origin: origin,
    ...(cookie ? { Cookie: cookie } : {}),
  },
  ...(body ? { body: JSON.stringify(body) } : {}),
});

async function signIn(kind: "office" | "province", id: string, keys: PrivateKeys): Promise<string> {
  const { nonce } = await (
    await request("/api/office/challenge", json("POST"))
  ).json<{ nonce: string }>();
  const res = await request(
    "/api/office/session",
    json("POST", {
      kind,
      id,
      kid: keys.kid,
      nonce,
      signature: await signText(keys.signing!, signInMessage(kind, id, nonce)),
    }),
  );
  expect(res.status).toBe(200);
  const cookie = res.headers.get("Set-Cookie")!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  expect(cookie).toMatch(/^__Host-loi_ve_office=.*Path=\/;/);
  return cookie.split(";")[0]!;
}

describe("sign-in", () => {
  it("with the office's key: a __Host- session cookie", async () => {
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    const me = await (
      await request("/api/office/me", { headers: { Cookie: cookie } })
    ).json<{ principal: { id: string } }>();
    expect(me.principal.id).toBe(tuanGiao.officeId);
  });

  it("another office's key, a replayed challenge, or a bad signature: refused, and not written to the audit log", async () => {
    const before = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log").first<{
      n: number;
    }>())!.n;
    const { nonce } = await (
      await request("/api/office/challenge", json("POST"))
    ).json<{ nonce: string }>();
    const wrongKey = await request(
      "/api/office/session",
      json("POST", {
        kind: "office",
        id: tuanGiao.officeId,
        kid: quaiToGiao.keys.kid,
        nonce,
        signature: await signText(
          quaiToGiao.keys.signing!,
          signInMessage("office", tuanGiao.officeId, nonce),
        ),
      }),
    );
    expect(wrongKey.status).toBe(401);
    const replay = await request(
      "/api/office/session",
      json("POST", {
        kind: "office",
        id: tuanGiao.officeId,
        kid: tuanGiao.keys.kid,
        nonce,
        signature: await signText(
          tuanGiao.keys.signing!,
          signInMessage("office", tuanGiao.officeId, nonce),
        ),
      }),
    );
    expect(replay.status).toBe(401); // the nonce was used by the first attempt
    const { nonce: n2 } = await (
      await request("/api/office/challenge", json("POST"))
    ).json<{ nonce: string }>();
    const forged = await request(
      "/api/office/session",
      json("POST", {
        kind: "office",
        id: tuanGiao.officeId,
        kid: tuanGiao.keys.kid,
        nonce: n2,
        signature: "AAAA",
      }),
    );
    expect(forged.status).toBe(401);
    const after = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log").first<{
      n: number;
    }>())!.n;
    expect(after).toBe(before);
  });

  it("without a session, or from another origin: refused", async () => {
    expect((await request("/api/office/registrations")).status).toBe(401);
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    const res = await request("/api/office/registrations/ABC/status", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: "https://evil.example",
        Cookie: cookie,
      },
      body: "{}",
    });
    expect(res.status).toBe(403);
  });

  it("a session expires after inactivity", async () => {
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    await env.DB.prepare("UPDATE sessions SET last_seen_at = ?")
      .bind(new Date(Date.now() - (idleMinutes + 1) * 60_000).toISOString())
      .run();
    const res = await request("/api/office/registrations", { headers: { Cookie: cookie } });
    expect(res.status).toBe(401);
    expect((await res.json<{ error: string }>()).error).toBe("session-expired");
  });

  it("signing out ends the session", async () => {
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    await request("/api/office/sign-out", json("POST", {}, cookie));
    expect(
      (await request("/api/office/registrations", { headers: { Cookie: cookie } })).status,
    ).toBe(401);
  });
});

describe("an office sees only its own registrations", () => {
  it("lists and opens its own; another office's is 'not found', and the attempt is logged", async () => {
    const mine = (await (await submitJson(adult())).json<{ reference: string }>()).reference;
    const theirs = (
      await (await submitJson(adult({ communeCode: "03256" }))).json<{ reference: string }>()
    ).reference;
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    const list = await (
      await request("/api/office/registrations", { headers: { Cookie: cookie } })
    ).json<{ registrations: { reference: string; commune_name: string }[] }>();
    expect(list.registrations.map((r) => r.reference)).toContain(mine);
    expect(list.registrations.map((r) => r.reference)).not.toContain(theirs);
    expect(list.registrations[0]!.commune_name).toBe("Xã Tuần Giáo");

    const open = await request(`/api/office/registrations/${mine}`, {
      headers: { Cookie: cookie },
    });
    const { registration } = await open.json<{
      registration: { envelope: ItemEnvelope; kind: string; form_version: string };
    }>();
    const payload = JSON.parse(
      new TextDecoder().decode(
        await openItem(
          registration.envelope,
          {
            kind: registration.kind,
            reference: mine,
            communeCode: "03253",
            formVersion: registration.form_version,
          },
          tuanGiao.keys.kid,
          tuanGiao.keys.encryption!,
        ),
      ),
    );
    expect(payload.person.fullName).toBe("Lò Văn Phềnh");

    expect(
      (await request(`/api/office/registrations/${theirs}`, { headers: { Cookie: cookie } }))
        .status,
    ).toBe(404);
    expect(
      (
        await request(
          `/api/office/registrations/${theirs}/status`,
          json("POST", { status: "closed", message: "" }, cookie),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await request(
          `/api/office/registrations/${theirs}/events`,
          json("POST", { event: "print" }, cookie),
        )
      ).status,
    ).toBe(404);
    const log = (
      await env.DB.prepare("SELECT action, reference FROM audit_log WHERE actor_id = ? ORDER BY id")
        .bind(tuanGiao.officeId)
        .all<{ action: string; reference: string }>()
    ).results;
    expect(log).toContainEqual({ action: "view", reference: mine });
    expect(log).toContainEqual({ action: "view-refused", reference: theirs });
    expect(log).toContainEqual({ action: "change-refused", reference: theirs });
    // Their status is untouched.
    expect(
      (await env.DB.prepare("SELECT status FROM items WHERE reference = ?")
        .bind(theirs)
        .first<{ status: string }>())!.status,
    ).toBe("received");
  });

  it("a province's administrator cannot open registrations; an office cannot see figures", async () => {
    const provinceCookie = await signIn("province", "11", dienBien.keys);
    expect(
      (await request("/api/office/registrations", { headers: { Cookie: provinceCookie } })).status,
    ).toBe(403);
    const officeCookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    expect(
      (await request("/api/office/figures", { headers: { Cookie: officeCookie } })).status,
    ).toBe(403);
  });

  it("a revoked office can no longer act, even within a session", async () => {
    const other = await enrollOffice("03268");
    const cookie = await signIn("office", other.officeId, other.keys);
    await env.DB.prepare("UPDATE offices SET status = 'revoked' WHERE id = ?")
      .bind(other.officeId)
      .run();
    expect(
      (await request("/api/office/registrations", { headers: { Cookie: cookie } })).status,
    ).toBe(401);
  });
});

describe("status back to the family", () => {
  it("the office sets a status and a message; the family's status page shows them; both are logged", async () => {
    const { reference, statusCode } = await (
      await submitJson(child())
    ).json<{
      reference: string;
      statusCode: string;
    }>();
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    const res = await request(
      `/api/office/registrations/${reference}/status`,
      json(
        "POST",
        { status: "more-info", message: "Mang giấy khai sinh bản chính đến UBND xã." },
        cookie,
      ),
    );
    expect(res.status).toBe(200);
    const status = await (
      await request("/api/registrations/status", json("POST", { reference, statusCode }))
    ).json<{ status: string; message: string }>();
    expect(status).toMatchObject({
      status: "more-info",
      message: "Mang giấy khai sinh bản chính đến UBND xã.",
    });
    const log = await env.DB.prepare(
      "SELECT detail FROM audit_log WHERE action = 'status' AND reference = ?",
    )
      .bind(reference)
      .first<{ detail: string }>();
    expect(log!.detail).toBe("more-info");
  });

  it.each([
    [{ status: "approved" }, "office.error.status"],
    [{ status: "decided", message: "x".repeat(301) }, "office.error.messageLong"],
    [{ status: "decided", message: "<b>hi</b>" }, "office.error.messageCharacters"],
  ])("refuses %j", async (body, key) => {
    const { reference } = await (await submitJson(adult())).json<{ reference: string }>();
    const cookie = await signIn("office", tuanGiao.officeId, tuanGiao.keys);
    const res = await request(
      `/api/office/registrations/${reference}/status`,
      json("POST", body, cookie),
    );
    expect(res.status).toBe(400);
    expect((await res.json<{ issues: { key: string }[] }>()).issues[0]!.key).toBe(key);
  });
});

describe("province figures", () => {
  it("counts by commune, month and form, with counts under 5 suppressed and the share decided on time", async () => {
    const references: string[] = [];
    for (let i = 0; i < 6; i++)
      references.push(
        (
          await (
            await submitJson(adult({ treatmentForm: i < 5 ? "home" : "public-facility" }))
          ).json<{ reference: string }>()
        ).reference,
      );
    await env.DB.prepare(
      `UPDATE registrations SET decided_at = (SELECT created_at FROM items i WHERE i.reference = registrations.reference) WHERE reference IN (${references
        .slice(0, 3)
        .map(() => "?")
        .join(",")})`,
    )
      .bind(...references.slice(0, 3))
      .run();
    const cookie = await signIn("province", "11", dienBien.keys);
    const figures = await (
      await request("/api/office/figures", { headers: { Cookie: cookie } })
    ).json<{
      total: number;
      byTreatmentForm: { key: string; count: number | null; suppressed: boolean }[];
      byCommune: { key: string; count: number | null; decidedOnTimeShare: number | null }[];
    }>();
    expect(figures.total).toBeGreaterThanOrEqual(6);
    const facility = figures.byTreatmentForm.find((c) => c.key === "facility")!;
    expect(facility.suppressed).toBe(true);
    expect(facility.count).toBeNull();
    // Quài Tở has fewer than 5: hidden, and so is the next smallest cell, or the total would give it away.
    expect(figures.byCommune.find((c) => c.key === "03256")!.count).toBeNull();
    expect(figures.byCommune.find((c) => c.key === "03253")!.count).toBeNull();
    for (let i = 0; i < suppressBelow; i++) await submitJson(adult({ communeCode: "03256" }));
    const after = await (
      await request("/api/office/figures", { headers: { Cookie: cookie } })
    ).json<typeof figures>();
    expect(after.byCommune.find((c) => c.key === "03253")!.count).toBeGreaterThanOrEqual(
      suppressBelow,
    );
    expect(after.byCommune.find((c) => c.key === "03253")!.decidedOnTimeShare).toBeGreaterThan(0);
    const csv = await (
      await request("/api/office/figures.csv", { headers: { Cookie: cookie } })
    ).text();
    expect(csv.split("\r\n")[0]).toBe(
      "dimension,key,label,registrations,share_decided_within_3_working_days",
    );
    expect(csv).toContain(`treatment_form,facility,"facility","<${suppressBelow}",`);
  });
});

describe("tampered ciphertext", () => {
  it("is detected, never shown as valid", async () => {
    const { reference } = await (await submitJson(adult())).json<{ reference: string }>();
    const row = await env.DB.prepare("SELECT envelope FROM items WHERE reference = ?")
      .bind(reference)
      .first<{ envelope: string }>();
    const envelope = JSON.parse(row!.envelope) as ItemEnvelope;
    const office = envelope.recipients.find((r) => r.role === "office")!;
    const bytes = office.ct.split("");
    bytes[10] = bytes[10] === "A" ? "B" : "A";
    const tampered = { ...envelope, recipients: [{ ...office, ct: bytes.join("") }] };
    await expect(
      openItem(
        tampered,
        {
          kind: "registration",
          reference,
          communeCode: "03253",
          formVersion: registrationFormVersion,
        },
        tuanGiao.keys.kid,
        tuanGiao.keys.encryption!,
      ),
    ).rejects.toThrow(/altered/);
  });
});
