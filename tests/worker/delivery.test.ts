/**
 * Delivery to offices, with failures injected at the boundary (the e-mail service and the
 * province's webhook): N failures then success, permanent failure → dead letter → sweep,
 * duplicate messages. Every registration ends up once in its office's inbox, notified once.
 */
import { createMessageBatch, env, getQueueResult, createExecutionContext } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adult, count, enrollOffice, enrollProvince, submitJson } from "./support.ts";
import {
  backoffSeconds,
  deadLetterQueueName,
  deliveryQueueName,
  handleDeliveryBatch,
} from "../../functions/delivery/consumer.ts";
import { deliver } from "../../functions/delivery/deliver.ts";
import {
  deadlineWarningHours,
  flagDeadlines,
  sweep,
  stuckAfterMinutes,
  deadRetryAfterMinutes,
} from "../../functions/delivery/sweep.ts";
import { webhookSignature } from "../../site/src/core/domain/crypto/webhook.ts";
import type { DeliveryMessage } from "../../functions/delivery/enqueue.ts";
import type { Env } from "../../functions/env.ts";

/** The e-mail service, failing the next `failures` sends (the boundary: Cloudflare Email Service). */
function flakyEmail(failures: number) {
  const sent: { to: string; subject: string; text: string }[] = [];
  let left = failures;
  return {
    sent,
    binding: {
      async send(m: { to: string; subject: string; text: string }) {
        if (left > 0) {
          left--;
          throw new Error("email service unavailable");
        }
        sent.push(m);
        return { messageId: String(sent.length) };
      },
    } as unknown as SendEmail,
  };
}

/** Every link to the site in a notification leads to a page that exists (fetched from dist/). */
async function expectLinksExist(text: string) {
  const links = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    expect(link.startsWith(env.SITE_URL)).toBe(true);
    const page = await env.ASSETS.fetch(new Request(new URL(new URL(link).pathname, env.SITE_URL)));
    expect(page.status, link).toBe(200);
  }
}

/** The delivery queue replaced by a list of what was sent to it (the tests run the consumer). */
function capturingQueue(base: Env) {
  const queued: string[] = [];
  const capturingEnv: Env = {
    ...base,
    DELIVERY_QUEUE: {
      sendBatch: async (msgs: { body: DeliveryMessage }[]) => {
        queued.push(...msgs.map((m) => m.body.deliveryId));
      },
    } as unknown as Queue<DeliveryMessage>,
  };
  return { queued, capturingEnv };
}

async function webhookControl(query: string) {
  await fetch(`https://webhook.test/control?${query}`);
}
async function webhookReceived(): Promise<
  { deliveryId: string; signature: string; body: string }[]
> {
  return (await fetch("https://webhook.test/received")).json();
}

async function newRegistration(): Promise<{
  reference: string;
  deliveries: { id: string; channel: string }[];
}> {
  // Messages sent to the queue by the submission are not consumed here: the tests run the consumer themselves.
  const { reference } = await (await submitJson(adult())).json<{ reference: string }>();
  const { results } = await env.DB.prepare(
    "SELECT id, channel FROM deliveries WHERE reference = ? ORDER BY channel",
  )
    .bind(reference)
    .all<{ id: string; channel: string }>();
  return { reference, deliveries: results };
}

async function runBatch(testEnv: Env, queue: string, ids: string[], attempts = 1) {
  const batch = createMessageBatch<DeliveryMessage>(
    queue,
    ids.map((deliveryId, i) => ({
      id: `m-${i}-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts,
      body: { deliveryId },
    })),
  );
  const ctx = createExecutionContext();
  await handleDeliveryBatch(batch, testEnv);
  return getQueueResult(batch, ctx);
}

async function state(id: string) {
  return env.DB.prepare("SELECT state, attempts, last_error FROM deliveries WHERE id = ?")
    .bind(id)
    .first<{ state: string; attempts: number; last_error: string | null }>();
}

beforeAll(async () => {
  await enrollOffice("03253", {
    email: "xa-03253@test.invalid",
    webhookUrl: "https://webhook.test/receive",
  });
  await enrollProvince("11", "tinh-11@test.invalid");
});
beforeEach(async () => {
  await webhookControl("failNext=0&reset=1");
});

describe("each accepted registration gets its deliveries, in the same transaction", () => {
  it("an e-mail notification and a webhook, pending", async () => {
    const { deliveries } = await newRegistration();
    expect(deliveries.map((d) => d.channel)).toEqual(["email", "webhook"]);
  });
});

describe("N failures, then success", () => {
  it("retries with backoff until the e-mail is sent, and records each attempt", async () => {
    const { deliveries } = await newRegistration();
    const email = deliveries.find((d) => d.channel === "email")!;
    const flaky = flakyEmail(3);
    const testEnv = { ...env, EMAIL: flaky.binding };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await runBatch(testEnv, deliveryQueueName, [email.id], attempt);
      expect(result.retryMessages).toHaveLength(1);
      expect((await state(email.id))!.attempts).toBe(attempt);
      expect((await state(email.id))!.last_error).toBe("email: Error");
    }
    const result = await runBatch(testEnv, deliveryQueueName, [email.id], 4);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await state(email.id)).toMatchObject({ state: "sent", attempts: 4, last_error: null });
    expect(flaky.sent).toHaveLength(1);
  });

  it("retries the webhook until the province's system answers, signed with HMAC", async () => {
    const { reference, deliveries } = await newRegistration();
    const hook = deliveries.find((d) => d.channel === "webhook")!;
    await webhookControl("failNext=2&status=503");
    expect((await runBatch(env, deliveryQueueName, [hook.id], 1)).retryMessages).toHaveLength(1);
    expect((await runBatch(env, deliveryQueueName, [hook.id], 2)).retryMessages).toHaveLength(1);
    expect((await runBatch(env, deliveryQueueName, [hook.id], 3)).explicitAcks).toHaveLength(1);
    const received = await webhookReceived();
    expect(received).toHaveLength(1);
    expect(received[0]!.deliveryId).toBe(hook.id);
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({ deliveryId: hook.id, reference, communeCode: "03253" });
    expect(body.envelope.recipients).toHaveLength(2); // ciphertext only: no personal data in the webhook
    expect(received[0]!.body).not.toContain("Lò Văn Phềnh");
    const ts = received[0]!.signature; // sha256=<hex> over "<timestamp>.<body>"
    expect(ts).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("the webhook signature is HMAC-SHA-256 of the timestamp and body", async () => {
    const sig = await webhookSignature("secret", "1700000000", "{}");
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(await webhookSignature("secret", "1700000000", "{ }")).not.toBe(sig);
  });
});

describe("backoff", () => {
  it("doubles from 30 seconds and stops at an hour", () => {
    expect([1, 2, 3, 4, 8, 20].map(backoffSeconds)).toEqual([30, 60, 120, 240, 3600, 3600]);
  });
});

describe("permanent failure → dead letter → sweep", () => {
  it("the dead-letter consumer marks it dead and tells the province; the sweep delivers it once the endpoint recovers", async () => {
    const { reference, deliveries } = await newRegistration();
    const hook = deliveries.find((d) => d.channel === "webhook")!;
    const flaky = flakyEmail(0);
    const testEnv = { ...env, EMAIL: flaky.binding };
    await webhookControl("failNext=-1&status=500"); // down until told otherwise
    for (let attempt = 1; attempt <= 6; attempt++)
      await runBatch(testEnv, deliveryQueueName, [hook.id], attempt);
    // Cloudflare moves the message to the dead-letter queue after max_retries:
    await runBatch(testEnv, deadLetterQueueName, [hook.id]);
    expect((await state(hook.id))!.state).toBe("dead");
    expect(flaky.sent.map((m) => m.to)).toContain("tinh-11@test.invalid");
    const alert = flaky.sent.find((m) => m.to === "tinh-11@test.invalid")!;
    expect(alert.text).not.toContain("Lò Văn Phềnh");
    await expectLinksExist(alert.text);
    // The registration itself is safe in the inbox all along.
    expect(
      await env.DB.prepare("SELECT envelope IS NOT NULL AS ok FROM items WHERE reference = ?")
        .bind(reference)
        .first<{ ok: number }>(),
    ).toEqual({ ok: 1 });

    await webhookControl("failNext=0");
    const later = new Date(Date.now() + (deadRetryAfterMinutes + 1) * 60_000);
    const { queued, capturingEnv } = capturingQueue(testEnv);
    const report = await sweep(capturingEnv, later);
    expect(report.requeued).toBeGreaterThanOrEqual(1);
    expect(queued).toContain(hook.id);
    await runBatch(
      testEnv,
      deliveryQueueName,
      queued.filter((id) => id === hook.id),
    );
    expect((await state(hook.id))!.state).toBe("sent");
    expect((await webhookReceived()).filter((r) => r.deliveryId === hook.id)).toHaveLength(1);
  });

  it("the sweep re-sends a delivery that was never enqueued (stuck)", async () => {
    const { deliveries } = await newRegistration();
    const email = deliveries.find((d) => d.channel === "email")!;
    const { queued, capturingEnv } = capturingQueue(env);
    expect(queued).not.toContain(email.id);
    await sweep(capturingEnv, new Date(Date.now() + (stuckAfterMinutes + 1) * 60_000));
    expect(queued).toContain(email.id);
  });
});

describe("the 24-hour decision time (Decree 163 Art. 91.1)", () => {
  const flagged = async (reference: string) =>
    (await env.DB.prepare("SELECT deadline_flagged_at FROM registrations WHERE reference = ?")
      .bind(reference)
      .first<{ deadline_flagged_at: string | null }>())!.deadline_flagged_at;
  const times = async (reference: string) =>
    (await env.DB.prepare(
      "SELECT i.created_at AS submitted_at, r.due_by FROM registrations r JOIN items i ON i.reference = r.reference WHERE r.reference = ?",
    )
      .bind(reference)
      .first<{ submitted_at: string; due_by: string }>())!;
  const hoursAfter = (iso: string, hours: number) =>
    new Date(new Date(iso).getTime() + hours * 3600_000);

  it("stores the decision time 24 hours after receipt, to the second", async () => {
    const { reference } = await newRegistration();
    const { submitted_at, due_by } = await times(reference);
    expect(new Date(due_by).getTime() - new Date(submitted_at).getTime()).toBe(24 * 3600_000);
  });

  it("alerts the province once when an undecided registration nears its decision time, with no personal data", async () => {
    const { reference } = await newRegistration();
    const decided = (await newRegistration()).reference;
    await env.DB.prepare("UPDATE items SET status = 'decided' WHERE reference = ?")
      .bind(decided)
      .run();
    const flaky = flakyEmail(0);
    const testEnv = { ...env, EMAIL: flaky.binding };
    const { submitted_at } = await times(reference);

    // 17 hours in: 7 hours left, not yet near (the warning starts 6 hours before).
    await flagDeadlines(testEnv, hoursAfter(submitted_at, 24 - deadlineWarningHours - 1));
    expect(await flagged(reference)).toBeNull();

    // 19 hours in: near. (Under the repealed rule this would be days early.)
    await flagDeadlines(testEnv, hoursAfter(submitted_at, 24 - deadlineWarningHours + 1));
    const alert = flaky.sent.find((m) => m.to === "tinh-11@test.invalid")!;
    expect(alert.subject).toMatch(
      /^\d+ hồ sơ đăng ký sắp đến hoặc đã qua hạn quyết định 24 giờ: Điện Biên$/,
    );
    const shown = `${reference.slice(0, 4)}-${reference.slice(4, 8)}-${reference.slice(8)}`;
    expect(alert.text).toMatch(
      new RegExp(
        `- ${shown}: Xã Tuần Giáo, hạn \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}, tình trạng: Đã gửi đến Công an xã, phường: đang chờ xem xét`,
      ),
    );
    expect(alert.text).not.toContain("3 ngày làm việc");
    expect(alert.text).not.toContain(decided.slice(4, 8) + "-" + decided.slice(8));
    await expectLinksExist(alert.text);
    for (const personal of [
      "Lò Văn Phềnh",
      "011090123456",
      "0912",
      "1990",
      "Quài Cang",
      "opioid",
      "Heroin",
    ])
      expect(alert.text).not.toContain(personal);
    expect(await flagged(reference)).not.toBeNull();
    expect(await flagged(decided)).toBeNull();

    const before = flaky.sent.length;
    await flagDeadlines(testEnv, hoursAfter(submitted_at, 30));
    expect(flaky.sent.length).toBe(before); // once, not at every run
  });

  it("an overdue registration is flagged too", async () => {
    const { reference } = await newRegistration();
    const { submitted_at } = await times(reference);
    await flagDeadlines({ ...env, EMAIL: flakyEmail(0).binding }, hoursAfter(submitted_at, 25));
    expect(await flagged(reference)).not.toBeNull();
  });

  it("an alert that cannot be sent leaves the registration unflagged, to be tried at the next run", async () => {
    const { reference } = await newRegistration();
    const later = hoursAfter((await times(reference)).submitted_at, 23);
    await flagDeadlines({ ...env, EMAIL: flakyEmail(1).binding }, later);
    expect(await flagged(reference)).toBeNull();
    const working = flakyEmail(0);
    await flagDeadlines({ ...env, EMAIL: working.binding }, later);
    expect(await flagged(reference)).not.toBeNull();
    expect(working.sent.some((m) => m.text.includes(reference.slice(8)))).toBe(true);
  });
});

describe("duplicate delivery", () => {
  it("a message delivered twice sends one notification", async () => {
    const { deliveries } = await newRegistration();
    const email = deliveries.find((d) => d.channel === "email")!;
    const flaky = flakyEmail(0);
    const testEnv = { ...env, EMAIL: flaky.binding };
    await runBatch(testEnv, deliveryQueueName, [email.id, email.id]);
    await runBatch(testEnv, deliveryQueueName, [email.id]);
    expect(flaky.sent).toHaveLength(1);
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE delivery_id = ?")
        .bind(email.id)
        .first<{ n: number }>())!.n,
    ).toBe(1);
  });

  it("two attempts at once: one holds the delivery, the other waits", async () => {
    const { deliveries } = await newRegistration();
    const email = deliveries.find((d) => d.channel === "email")!;
    const flaky = flakyEmail(0);
    const testEnv = { ...env, EMAIL: flaky.binding };
    const results = await Promise.allSettled([
      deliver(testEnv, email.id),
      deliver(testEnv, email.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(flaky.sent).toHaveLength(1);
  });

  it("the notification holds no personal data, only the reference, commune, time and the inbox link", async () => {
    const { reference, deliveries } = await newRegistration();
    const flaky = flakyEmail(0);
    await deliver(
      { ...env, EMAIL: flaky.binding },
      deliveries.find((d) => d.channel === "email")!.id,
    );
    const mail = flaky.sent[0]!;
    expect(mail.to).toBe("xa-03253@test.invalid");
    expect(mail.subject).toContain(
      `${reference.slice(0, 4)}-${reference.slice(4, 8)}-${reference.slice(8)}`,
    );
    expect(mail.text).toContain("Xã Tuần Giáo");
    expect(mail.text).toContain("/vi/office/");
    await expectLinksExist(mail.text);
    for (const personal of [
      "Lò Văn Phềnh",
      "011090123456",
      "0912",
      "1990",
      "Quài Cang",
      "opioid",
      "Heroin",
    ])
      expect(mail.text).not.toContain(personal);
  });
});

describe("every registration ends up exactly once in its office's inbox, notified once", () => {
  it("20 registrations, random failures, retries and duplicates", async () => {
    const refs: string[] = [];
    for (let i = 0; i < 20; i++) refs.push((await newRegistration()).reference);
    const ids = (
      await env.DB.prepare(
        `SELECT id FROM deliveries WHERE channel = 'email' AND reference IN (${refs.map(() => "?").join(",")})`,
      )
        .bind(...refs)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    const flaky = flakyEmail(7);
    const testEnv = { ...env, EMAIL: flaky.binding };
    let pending = [...ids, ...ids.slice(0, 5)]; // some messages twice
    for (let round = 1; pending.length > 0 && round < 10; round++) {
      const result = await runBatch(testEnv, deliveryQueueName, pending, round);
      const retried = new Set(result.retryMessages.map((m) => m.msgId));
      const batchIds = pending;
      pending = [];
      // Which messages were retried: map back by order (createMessageBatch keeps it).
      batchIds.forEach((id, i) => {
        if ([...retried].some((m) => m.startsWith(`m-${i}-`))) pending.push(id);
      });
    }
    const inbox = (await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM registrations WHERE reference IN (${refs.map(() => "?").join(",")})`,
    )
      .bind(...refs)
      .first<{ n: number }>())!.n;
    expect(inbox).toBe(20);
    expect(new Set(flaky.sent.map((m) => m.subject)).size).toBe(20);
    expect(flaky.sent).toHaveLength(20);
    expect(await count("deliveries")).toBeGreaterThanOrEqual(40);
  });
});
