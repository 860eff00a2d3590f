/** Random bodies never cause a server error or a stored row (fast-check). */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { adult, count, enrollOffice, enrollProvince, origin, request } from "./support.ts";

beforeAll(async () => {
  await enrollOffice("03253");
  await enrollProvince("11");
});

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constantFrom("<script>alert(1)</script>", "' OR 1=1 --", "\u0000", "🙂", "x".repeat(300)),
);
const fieldNames = Object.keys(adult()).concat(["website", "_from", "cf-turnstile-response"]);

describe("random input", () => {
  it("random JSON objects: never 5xx, never stored", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string()), value, {
          maxKeys: 25,
        }),
        async (body) => {
          const res = await request("/api/registrations", {
            method: "POST",
            headers: { "Content-Type": "application/json", Origin: origin },
            body: JSON.stringify(body),
          });
          expect(res.status).toBeLessThan(500);
          expect(await count("registrations")).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("valid registrations with one field replaced by random junk: never 5xx, stored only if still valid", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fieldNames), value, async (name, junk) => {
        const before = await count("registrations");
        const res = await request("/api/registrations", {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin },
          body: JSON.stringify(adult({ [name]: junk })),
        });
        expect(res.status).toBeLessThan(500);
        expect(await count("registrations")).toBe(before + (res.status === 201 ? 1 : 0));
      }),
      { numRuns: 150 },
    );
    // 150 submissions, each sealed twice with HPKE: seconds on a shared 2-core machine.
  }, 30_000);

  it("random bytes as a form body: never 5xx, never stored", async () => {
    const before = await count("registrations");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const res = await request("/api/registrations", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
          body: bytes,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    expect(await count("registrations")).toBe(before);
  });
});
