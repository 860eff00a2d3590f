/** Running the project's tools offline: no telemetry, no update checks, no Request.cf fetch. */
import { spawn, type SpawnOptions } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const binDir = resolve(projectRoot, "node_modules/.bin");

export const offlineEnv: Record<string, string> = {
  ASTRO_TELEMETRY_DISABLED: "1",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_UPDATE_NOTIFIER: "1",
};

/**
 * The project's own tools come first on PATH, and so does the Node running this script (the
 * project's Node 24), so that `#!/usr/bin/env node` in a tool never picks the system Node 20.
 */
export function withOfflineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const path = [binDir, dirname(process.execPath), process.env.PATH ?? ""].join(":");
  return { ...process.env, ...offlineEnv, PATH: path, ...extra };
}

/** Run a command to completion; rejects with its exit code. Output goes to this terminal. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: withOfflineEnv(), ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`));
    });
  });
}

/** Run a command and capture its output. */
export function capture(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: withOfflineEnv(),
      ...options,
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(" ")} failed:\n${err || out}`)),
    );
  });
}
