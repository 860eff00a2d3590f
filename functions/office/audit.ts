/** The audit log: every view and change of a registration, every sign-in, every refusal. */
import type { Env } from "../env.ts";

export async function audit(
  env: Env,
  actor: { kind: string; id: string },
  action: string,
  reference: string | null,
  detail?: string,
): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO audit_log (actor_kind, actor_id, action, reference, detail) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(actor.kind, actor.id, action, reference, detail ?? null)
    .run();
}
