/** GET /api/health: the Worker is up and its database answers (used by npm start and the tests). */
import { Hono } from "hono";
import type { Env } from "../env.ts";

export const health = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  const row = await c.env.DB.prepare("SELECT COUNT(*) AS migrations FROM d1_migrations").first<{
    migrations: number;
  }>();
  return c.json({ ok: true, migrations: row?.migrations ?? 0 });
});
