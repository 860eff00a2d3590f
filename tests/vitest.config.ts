/**
 * Four layers, each run where its code runs in production:
 *   unit    – pure logic, schemas and content, in Node
 *   worker  – the Worker (Hono app, D1, queues, cron) inside workerd, migrations applied
 *   browser – the built site served by the real Worker, driven in Debian's Chromium
 *   axe     – WCAG 2.2 A/AA checks of every page template in every language, in Chromium
 * `npm test` (scripts/test.ts) runs them in order and prints one summary line.
 */
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { fileURLToPath } from "node:url";
import { outbound } from "./worker/outbound.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const migrations = await readD1Migrations(`${root}/functions/migrations`);

export default defineConfig({
  root,
  test: {
    projects: [
      {
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: `${root}/wrangler.toml` },
            miniflare: {
              outboundService: outbound,
              bindings: {
                TEST_MIGRATIONS: migrations,
                // Test-only secrets (production ones are set with `wrangler secret put`).
                STATUS_PEPPER: "test-pepper-0123456789abcdef0123456789abcdef",
                WEBHOOK_SECRET: "test-webhook-secret-0123456789abcdef",
                DRAFT_KEY: "test-draft-key-0123456789abcdef0123456789abcdef",
                TURNSTILE_SECRET: "1x0000000000000000000000000000000AA",
                // Tuyên Quang (08) turns Turnstile on in the tests, with Cloudflare's test site key.
                PROVINCE_SETTINGS: JSON.stringify({
                  "08": { turnstile: { enabled: true, siteKey: "1x00000000000000000000AA" } },
                }),
              },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          setupFiles: ["tests/worker/apply-migrations.ts"],
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/serve-built-site.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "axe",
          include: ["tests/axe/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/serve-built-site.ts"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
