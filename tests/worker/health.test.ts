import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../functions/app.ts";

describe("GET /api/health (in workerd, D1 migrated)", () => {
  it("answers with the applied migrations", async () => {
    const res = await app.request("/api/health", {}, env);
    expect(res.status).toBe(200);
    const body = await res.json<{ ok: boolean; migrations: number }>();
    expect(body.ok).toBe(true);
    expect(body.migrations).toBe(env.TEST_MIGRATIONS.length);
  });

  it("carries the security headers and no cookie", async () => {
    const res = await app.request("/api/health", {}, env);
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Permissions-Policy")).toContain("camera=()");
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("adds HSTS only over https", async () => {
    expect(
      (await app.request("https://loi-ve.example/api/health", {}, env)).headers.get(
        "Strict-Transport-Security",
      ),
    ).toContain("max-age=");
    expect(
      (await app.request("http://127.0.0.1/api/health", {}, env)).headers.get(
        "Strict-Transport-Security",
      ),
    ).toBeNull();
  });
});
