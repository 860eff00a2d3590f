/** GET /api/health: the Worker is up and its database answers (used by npm start and the tests). */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { appliedMigrations } from "./store.ts";

export const health = new Hono<AppEnv>().get("/", async (c) =>
  c.json({ ok: true, migrations: await appliedMigrations(c.env.DB) }),
);
