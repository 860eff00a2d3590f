// Every Worker test file starts with the real D1 schema (storage is isolated per file).
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
