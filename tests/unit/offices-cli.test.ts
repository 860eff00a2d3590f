/**
 * `npm run offices`, the provincial administrator's tool, run for real: the script in Node,
 * wrangler's local D1 in a temporary state directory. It must store public keys only, hand out
 * key files that open with the passphrase it prints, and re-wrap open cases when a key rotates.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/dev-server.ts";
import { d1ExecuteFile, d1Query, sql } from "../../scripts/lib/d1.ts";
import { projectRoot } from "../../scripts/lib/run.ts";
import {
  decryptWith,
  encryptFor,
  registrationAad,
  type Envelope,
} from "../../site/src/core/domain/crypto/envelope.ts";
import { openKeyFile, parseKeyFile } from "../../site/src/core/domain/crypto/keyfile.ts";

const state = mkdtempSync(join(tmpdir(), "loi-ve-offices-"));
const keysDir = join(state, "keys");
const target = { persistTo: state };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function offices(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["scripts/offices.ts", ...args, "--persist-to", state, "--out", keysDir],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          PATH: `${join(projectRoot, "node_modules/.bin")}:${process.env.PATH}`,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const printed = (out: string, label: string) =>
  out.match(new RegExp(`${label}: (\\S+)`))?.[1] ?? "";

async function openPrinted(run: Run) {
  const file = parseKeyFile(readFileSync(printed(run.stdout, "Key file"), "utf8"));
  return (await openKeyFile(file, printed(run.stdout, "Passphrase"))).keys[0]!;
}

beforeAll(() => applyMigrations(state), 60_000);
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm run offices", { timeout: 60_000 }, () => {
  let province: Run;
  let office: Run;

  it("enroll-province stores the public key and writes a sealed key file only the printed passphrase opens", async () => {
    province = await offices([
      "enroll-province",
      "--province",
      "11",
      "--alert-email",
      "so-yte@example.org",
    ]);
    expect(province.code, province.stderr).toBe(0);
    const file = printed(province.stdout, "Key file");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keys = await openPrinted(province);
    const [row] = await d1Query<{ kid: string; encryption_jwk: string; alert_email: string }>(
      target,
      "SELECT kid, encryption_jwk, alert_email FROM province_keys WHERE province_code = '11' AND status = 'active'",
    );
    expect(row!.kid).toBe(keys.kid);
    expect(row!.alert_email).toBe("so-yte@example.org");
    expect(JSON.parse(row!.encryption_jwk).d).toBeUndefined(); // public part only
    await expect(
      openKeyFile(parseKeyFile(readFileSync(file, "utf8")), "wrong passphrase"),
    ).rejects.toThrow();
  });

  it("enroll gives a commune one active office, named by the province's setting, and refuses a second", async () => {
    office = await offices(["enroll", "--commune", "03253", "--email", "mot-cua@example.org"]);
    expect(office.code, office.stderr).toBe(0);
    const keys = await openPrinted(office);
    const [row] = await d1Query<{ id: string; name: string; status: string; kid: string }>(
      target,
      "SELECT o.id, o.name, o.status, k.kid FROM offices o JOIN office_keys k ON k.office_id = o.id WHERE o.commune_code = '03253'",
    );
    expect(row).toMatchObject({ id: "commune-03253", status: "active", kid: keys.kid });
    expect(row!.name).toContain("Tuần Giáo");
    const again = await offices(["enroll", "--commune", "03253"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already enrolled");
    expect((await offices(["enroll", "--commune", "99999"])).stderr).toContain("no commune 99999");
  });

  it("rotate re-wraps open cases to the new key, retires the old one and ends sessions", async () => {
    const oldKeys = await openPrinted(office);
    const recovery = await openPrinted(province);
    const [officeKey] = await d1Query<{ encryption_jwk: string }>(
      target,
      `SELECT encryption_jwk FROM office_keys WHERE kid = ${sql(oldKeys.kid)}`,
    );
    const [provinceKey] = await d1Query<{ encryption_jwk: string }>(
      target,
      `SELECT encryption_jwk FROM province_keys WHERE kid = ${sql(recovery.kid)}`,
    );
    const reference = "TESTREF0001";
    const aad = registrationAad(reference, "03253");
    const envelope = await encryptFor(
      new TextEncoder().encode('{"name":"Lò Văn Ún"}'),
      [
        { kid: oldKeys.kid, role: "office", publicKey: JSON.parse(officeKey!.encryption_jwk) },
        { kid: recovery.kid, role: "recovery", publicKey: JSON.parse(provinceKey!.encryption_jwk) },
      ],
      aad,
    );
    const now = new Date().toISOString();
    await d1ExecuteFile(target, [
      `INSERT INTO registrations (reference, idempotency_key, province_code, commune_code, office_id, treatment_form, lang, envelope, status_check, submitted_at, due_by, updated_at)
       VALUES (${sql(reference)}, 'k1', '11', '03253', 'commune-03253', 'community', 'vi', ${sql(JSON.stringify(envelope))}, 'x', ${sql(now)}, ${sql(now)}, ${sql(now)})`,
      `INSERT INTO sessions (token_hash, principal_kind, principal_id, kid, created_at, last_seen_at, expires_at) VALUES ('s1', 'office', 'commune-03253', ${sql(oldKeys.kid)}, ${sql(now)}, ${sql(now)}, ${sql(now)})`,
    ]);

    const wrongFile = await offices(
      ["rotate", "--office", "commune-03253", "--recovery-key", printed(office.stdout, "Key file")],
      { LOI_VE_PASSPHRASE: "x" },
    );
    expect(wrongFile.stderr).toContain("not this province's recovery key");

    const rotated = await offices(
      [
        "rotate",
        "--office",
        "commune-03253",
        "--recovery-key",
        printed(province.stdout, "Key file"),
      ],
      { LOI_VE_PASSPHRASE: printed(province.stdout, "Passphrase") },
    );
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain("1 open case(s) re-wrapped");
    const newKeys = await openPrinted(rotated);
    const [stored] = await d1Query<{ envelope: string }>(
      target,
      `SELECT envelope FROM registrations WHERE reference = ${sql(reference)}`,
    );
    const rewrapped = JSON.parse(stored!.envelope) as Envelope;
    expect(
      new TextDecoder().decode(await decryptWith(rewrapped, newKeys.kid, newKeys.encryption, aad)),
    ).toBe('{"name":"Lò Văn Ún"}');
    await expect(decryptWith(rewrapped, oldKeys.kid, oldKeys.encryption, aad)).rejects.toThrow();
    const keys = await d1Query<{ kid: string; status: string }>(
      target,
      "SELECT kid, status FROM office_keys WHERE office_id = 'commune-03253'",
    );
    expect(Object.fromEntries(keys.map((k) => [k.kid, k.status]))).toEqual({
      [oldKeys.kid]: "retired",
      [newKeys.kid]: "active",
    });
    expect(await d1Query(target, "SELECT token_hash FROM sessions")).toEqual([]);
  });

  it("revoke stops the office; list shows it", async () => {
    const revoked = await offices(["revoke", "--office", "commune-03253"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const listed = await offices(["list", "--province", "11"]);
    expect(listed.stdout).toMatch(/^commune-03253\trevoked\t-\tmot-cua@example\.org/m);
    expect(listed.stdout).toContain("1 office(s)");
  });
});
