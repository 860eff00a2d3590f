/**
 * Starts the real Worker (`wrangler dev`, local D1) over the built site, for `npm start`, the
 * browser tests and the benchmark. Each caller may keep its own state directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { projectRoot, run, withOfflineEnv } from "./run.ts";

export interface RunningWorker {
  url: string;
  port: number;
  stop: () => Promise<void>;
  output: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Local secrets for `wrangler dev` (.dev.vars, ignored by git): made once, random, never deployed.
 * In production they are set with `wrangler secret put` (see README). A secret added later (the
 * certificate key) is appended to an existing file, so older checkouts keep their other secrets.
 */
export function ensureDevVars(): void {
  const file = join(projectRoot, ".dev.vars");
  const secret = () => randomBytes(32).toString("base64url");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  // A file from before a secret was added gets the new one appended; existing values are kept.
  const missing = ["STATUS_PEPPER", "WEBHOOK_SECRET", "DRAFT_KEY", "CERT_SIGNING_KEY"].filter(
    (name) => !new RegExp(`^${name}=`, "m").test(existing),
  );
  if (missing.length === 0) return;
  const value = (name: string) =>
    name === "CERT_SIGNING_KEY"
      ? // Signs training certificates (ECDSA P-256, a private JWK); the build ships its public half.
        JSON.stringify(
          generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }),
        )
      : secret();
  const lines = missing.map((name) => `${name}=${value(name)}\n`).join("");
  writeFileSync(file, `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${lines}`, {
    mode: 0o600,
  });
}

export async function applyMigrations(persistTo?: string): Promise<void> {
  const args = ["d1", "migrations", "apply", "DB", "--local"];
  if (persistTo) args.push("--persist-to", persistTo);
  await run("wrangler", args, { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(new URL("/api/health", url));
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs / 1000} s:\n${log()}`);
}

interface WorkerOptions {
  port?: number;
  persistTo?: string;
  env?: string;
  vars?: Record<string, string>;
  quiet?: boolean;
}

/**
 * On a machine shared by several worktrees, a port found free can be taken before wrangler binds
 * it: where the port was chosen here, another free one is tried (three times at most).
 */
export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  ensureDevVars();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOn(options.port ?? (await freePort()), options);
    } catch (error) {
      const taken = /Address already in use/.test((error as Error).message);
      if (!taken || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function startWorkerOn(port: number, options: WorkerOptions): Promise<RunningWorker> {
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--log-level",
    options.quiet ? "error" : "info",
    "--show-interactive-dev-session=false",
  ];
  if (options.persistTo) args.push("--persist-to", options.persistTo);
  if (options.env) args.push("--env", options.env);
  for (const [k, v] of Object.entries(options.vars ?? {})) args.push("--var", `${k}:${v}`);
  let log = "";
  const child = spawn("wrangler", args, {
    cwd: projectRoot,
    env: withOfflineEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => {
    log += d;
    if (!options.quiet) process.stdout.write(d);
  });
  child.stderr!.on("data", (d) => {
    log += d;
    if (!options.quiet) process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
        resolve();
      }, 5000).unref();
    });
  };
  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop, output: () => log };
}
