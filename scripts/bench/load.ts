/**
 * Registration load: N submissions, C at a time, each from its own client (its own address and
 * idempotency key), against the real Worker; then the same N again (retries), which must store
 * nothing new. Reports latency percentiles, throughput and what the database holds.
 */
import { performance } from "node:perf_hooks";
import { adultAnswers } from "../../tests/fixtures/registrants.ts";
import { formVersion } from "../../site/src/core/schemas/registration/fields.ts";
import { d1Query } from "../lib/d1.ts";
import { median, percentile } from "./stats.ts";

const communes = [
  ["11", "03253"],
  ["11", "03256"],
  ["08", "02536"],
] as const;

function registration(i: number): Record<string, unknown> {
  const [provinceCode, communeCode] = communes[i % communes.length]!;
  return {
    ...adultAnswers({
      provinceCode,
      communeCode,
      fullName: "Người Thử Tải",
      "dateOfBirth-day": "15",
      "dateOfBirth-month": "6",
      sex: i % 2 ? "male" : "female",
      personalId: `0111900${String(i % 100000).padStart(5, "0")}`,
      addressDetail: `Bản thử ${i}`,
      drugs: ["methamphetamine"],
      treatmentForm: ["home", "public-facility", "private-facility"][i % 3]!,
    }),
    lang: "vi",
    formVersion,
    idempotencyKey: `bench-${i.toString().padStart(6, "0")}-${"x".repeat(8)}`,
  };
}

async function run(url: string, total: number, concurrency: number, offset: number) {
  const latencies: number[] = [];
  const workerMs: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        const res = await fetch(`${url}/api/registrations`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Origin: url,
            "CF-Connecting-IP": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          },
          body: JSON.stringify(registration(i + offset)),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        const timing = /worker;dur=(\d+(?:\.\d+)?)/.exec(res.headers.get("Server-Timing") ?? "");
        if (timing) workerMs.push(Number(timing[1]));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, workerMs, statuses: Object.fromEntries(statuses), seconds };
}

export interface LoadResult {
  sent: number;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  medianMs: number;
  throughputPerSecond: number;
  /** Time inside the Worker only (Server-Timing), without the local dev server in front of it. */
  workerP50Ms: number;
  workerP99Ms: number;
  /** One client at a time: the latency of a single registration, without queueing. */
  singleClientP50Ms: number;
  singleClientP99Ms: number;
  statuses: Record<string, number>;
  stored: number;
  duplicated: number;
  retried: number;
  retryStatuses: Record<string, number>;
}

export async function registrationLoad(
  url: string,
  persistTo: string,
  total = 5000,
  concurrency = 50,
): Promise<LoadResult> {
  await run(url, 200, concurrency, 1_000_000); // warm-up, kept apart from the figures
  const single = await run(url, 200, 1, 2_000_000);
  const first = await run(url, total, concurrency, 0);
  const retry = await run(url, total, concurrency, 0); // the same idempotency keys again
  const rows = await d1Query<{ stored: number; keys: number }>(
    { persistTo },
    "SELECT COUNT(*) AS stored, COUNT(DISTINCT idempotency_key) AS keys FROM items WHERE idempotency_key LIKE 'bench-0%'",
  );
  const { stored, keys } = rows[0]!;
  return {
    sent: total,
    concurrency,
    p50Ms: percentile(first.latencies, 50),
    p99Ms: percentile(first.latencies, 99),
    medianMs: median(first.latencies),
    throughputPerSecond: total / first.seconds,
    statuses: first.statuses,
    stored,
    duplicated: stored - keys,
    workerP50Ms: percentile(first.workerMs, 50),
    workerP99Ms: percentile(first.workerMs, 99),
    singleClientP50Ms: percentile(single.latencies, 50),
    singleClientP99Ms: percentile(single.latencies, 99),
    retried: total,
    retryStatuses: retry.statuses,
  };
}
