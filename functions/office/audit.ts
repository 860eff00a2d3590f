/** The audit log: every view and change of a registration, every sign-in, every refusal. */
import type { Env } from "../env.ts";
import { auditStatement } from "./store.ts";

export async function audit(
  env: Env,
  actor: { kind: string; id: string },
  action: string,
  reference: string | null,
  detail?: string,
): Promise<void> {
  await auditStatement(env.DB, { actor, action, reference, detail }).run();
}
