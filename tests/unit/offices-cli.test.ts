/**
 * `npm run offices`, the provincial administrator's offline tool, run for real: the script in
 * Node, wrangler's local D1 in a temporary state directory, the key directory in a temporary
 * folder. The offline key is split into shares; offices make their own keys (as their inbox does);
 * the tool approves them by fingerprint, signs the directory, opens a case only with the recovery
 * key, revokes an office to the province's point, erases, and every use is in a chain that verifies.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/dev-server.ts";
import { d1ExecuteFile, d1Query, sql } from "../../scripts/lib/d1.ts";
import { projectRoot } from "../../scripts/lib/run.ts";
import { readDirectory } from "../../scripts/offices/directory-files.ts";
import { fingerprint, generateKeySet } from "../../site/src/core/domain/crypto/keys.ts";
import { openItem, sealItem } from "../../site/src/core/domain/crypto/hpke.ts";
import { recipientsFor } from "../../site/src/core/domain/crypto/directory.ts";
import { sha256Hex } from "../../site/src/core/domain/crypto/canonical.ts";
import { newReference } from "../../site/src/core/domain/registration/reference.ts";

const state = mkdtempSync(join(tmpdir(), "loi-ve-offices-"));
const keysDir = join(state, "keys");
const outDir = join(state, "out");
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
      [
        "scripts/offices.ts",
        ...args,
        "--persist-to",
        state,
        "--out",
        outDir,
        "--keys-dir",
        keysDir,
      ],
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
  out.match(new RegExp(`${label}: (.+)`))?.[1]?.trim() ?? "";

/** What an office's inbox does at its first sign-in: makes its keys and sends the public halves. */
async function officeMakesKeys(code: string) {
  const keys = await generateKeySet();
  const print = await fingerprint(keys.publicKeys);
  await d1ExecuteFile(target, [
    `UPDATE office_enrolments SET kid = ${sql(keys.publicKeys.kid)}, encryption_jwk = ${sql(JSON.stringify(keys.publicKeys.encryption))}, signing_jwk = ${sql(JSON.stringify(keys.publicKeys.signing))}, fingerprint = ${sql(print)}, submitted_at = 'now' WHERE code_hash = ${sql(await sha256Hex(`loi-ve/enrolment/v1|${code.replace(/-/g, "")}`))}`,
  ]);
  return { keys: keys.privateKeys, fingerprint: print };
}

beforeAll(() => applyMigrations(state), 60_000);
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm run offices", { timeout: 90_000 }, () => {
  let province: Run;
  let shareEnv: Record<string, string>;
  let shareArgs: string[];
  const office = {
    keys: undefined as never as Awaited<ReturnType<typeof officeMakesKeys>>["keys"],
  };

  it("enroll-province: offline key in 2-of-3 shares, a signing-only sign-in key, the root and a signed directory", async () => {
    province = await offices([
      "enroll-province",
      "--province",
      "11",
      "--alert-email",
      "so@example.org",
      "--shares",
      "3",
      "--threshold",
      "2",
    ]);
    expect(province.code, province.stderr).toBe(0);
    const shareFiles = [1, 2, 3].map((i) => printed(province.stdout, `Share ${i} of 3`));
    const passes = [1, 2, 3].map((i) => printed(province.stdout, `Passphrase ${i}`));
    for (const f of shareFiles) expect(statSync(f).mode & 0o777).toBe(0o600);
    shareArgs = [
      "--offline-key",
      printed(province.stdout, "Offline key file").split(" ")[0]!,
      "--share",
      shareFiles[0]!,
      "--share",
      shareFiles[2]!,
    ];
    shareEnv = { LOI_VE_SHARE_PASSPHRASES: `${passes[0]},${passes[2]}` };
    const [row] = await d1Query<{ signing_jwk: string }>(
      target,
      "SELECT * FROM province_keys WHERE province_code = '11'",
    );
    expect(Object.keys(row!)).not.toContain("encryption_jwk"); // the sign-in key signs only
    const directory = (await readDirectory(keysDir, "11"))!;
    expect(directory.offices).toEqual([]);
    expect(directory.recovery.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  });

  it("enroll prints a one-time code and holds no private key; approve checks the fingerprint, then signs the key in", async () => {
    const point = await offices([
      "enroll",
      "--province",
      "11",
      "--point",
      "--email",
      "tinh@example.org",
    ]);
    expect(point.code, point.stderr).toBe(0);
    const pointKeys = await officeMakesKeys(printed(point.stdout, "Enrolment code"));
    expect(
      (
        await offices(
          [
            "approve",
            "--office",
            "province-11-point",
            "--fingerprint",
            pointKeys.fingerprint,
            ...shareArgs,
          ],
          shareEnv,
        )
      ).code,
    ).toBe(0);

    const enrolled = await offices([
      "enroll",
      "--commune",
      "03253",
      "--email",
      "xa@example.org",
      "--webhook",
      "https://tinh.example.org/hook",
    ]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).not.toMatch(/Passphrase|Key file/);
    expect(
      (await offices(["enroll", "--commune", "03253", "--webhook", "http://x.example.org"])).stderr,
    ).toContain("https");
    const made = await officeMakesKeys(printed(enrolled.stdout, "Enrolment code"));
    office.keys = made.keys;
    const wrong = await offices(
      [
        "approve",
        "--office",
        "commune-03253",
        "--fingerprint",
        "0000 0000 0000 0000 0000 0000 0000 0000",
        ...shareArgs,
      ],
      shareEnv,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("does not match");
    const one = await offices(
      [
        "approve",
        "--office",
        "commune-03253",
        "--fingerprint",
        made.fingerprint.toLowerCase(),
        ...shareArgs.slice(0, 4),
      ],
      { LOI_VE_SHARE_PASSPHRASES: shareEnv.LOI_VE_SHARE_PASSPHRASES!.split(",")[0]! },
    );
    expect(one.stderr).toContain("2 of 3");
    const ok = await offices(
      [
        "approve",
        "--office",
        "commune-03253",
        "--fingerprint",
        made.fingerprint.toLowerCase(),
        ...shareArgs,
      ],
      shareEnv,
    );
    expect(ok.code, ok.stderr).toBe(0);
    const d = (await readDirectory(keysDir, "11"))!;
    expect(d.offices.map((o) => [o.id, o.kid])).toEqual([
      ["commune-03253", made.keys.kid],
      ["province-11-point", pointKeys.keys.kid],
    ]);
    expect(d.version).toBe(3);
  });

  let reference = "";
  it("open reads a case with the recovery key (shares), and records it", async () => {
    const d = (await readDirectory(keysDir, "11"))!;
    reference = newReference();
    const ctx = { kind: "registration", reference, communeCode: "03253", formVersion: "test" };
    const envelope = await sealItem(
      new TextEncoder().encode('{"name":"Lò Văn Ún"}'),
      ctx,
      recipientsFor(d, "commune-03253")!,
    );
    const now = new Date().toISOString();
    await d1ExecuteFile(target, [
      `INSERT INTO items (reference, kind, province_code, commune_code, office_id, lang, form_version, envelope, sealed_on, idempotency_key, content_hash, status, created_at, updated_at, retain_until)
       VALUES (${sql(reference)}, 'registration', '11', '03253', 'commune-03253', 'vi', 'test', ${sql(JSON.stringify(envelope))}, 'device', 'k1', 'h', 'received', ${sql(now)}, ${sql(now)}, '2999-01-01')`,
      `INSERT INTO registrations (reference, treatment_form, due_by) VALUES (${sql(reference)}, 'home', '2026-12-31')`,
    ]);
    const opened = await offices(["open", "--reference", reference, ...shareArgs], shareEnv);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toContain("Lò Văn Ún");
    const [audit] = await d1Query<{ action: string; reference: string }>(
      target,
      "SELECT action, reference FROM audit_log WHERE action = 'recovery-open'",
    );
    expect(audit!.reference).toBe(reference);
  });

  it("revoke hands the case to the province's point, re-wrapped; the directory drops the office", async () => {
    const revoked = await offices(["revoke", "--office", "commune-03253", ...shareArgs], shareEnv);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain("1 case(s) re-wrapped to province-11-point");
    const [row] = await d1Query<{ office_id: string; envelope: string }>(
      target,
      `SELECT office_id, envelope FROM items WHERE reference = ${sql(reference)}`,
    );
    expect(row!.office_id).toBe("province-11-point");
    const ctx = { kind: "registration", reference, communeCode: "03253", formVersion: "test" };
    await expect(
      openItem(JSON.parse(row!.envelope), ctx, office.keys.kid, office.keys.encryption!),
    ).rejects.toThrow();
    expect((await readDirectory(keysDir, "11"))!.offices.map((o) => o.id)).toEqual([
      "province-11-point",
    ]);
    const again = await offices(["enroll", "--commune", "03253"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("commune-03253-2");
    expect((await offices(["list", "--province", "11"])).stdout).toMatch(
      /^commune-03253\trevoked → province-11-point/m,
    );
  });

  it("erase asks for the reference again, leaves no row naming the case, and the audit chain verifies", async () => {
    expect(
      (await offices(["erase", "--reference", reference, "--confirm", newReference()])).stderr,
    ).toContain("does not match");
    const erased = await offices([
      "erase",
      "--reference",
      reference,
      "--confirm",
      reference.toLowerCase(),
    ]);
    expect(erased.code, erased.stderr).toBe(0);
    for (const table of [
      "items",
      "registrations",
      "item_secrets",
      "deliveries",
      "notification_items",
    ])
      expect(
        await d1Query(target, `SELECT * FROM ${table} WHERE reference = ${sql(reference)}`),
      ).toEqual([]);
    expect(
      await d1Query(
        target,
        `SELECT id FROM audit_log WHERE reference = ${sql(reference)} OR detail LIKE ${sql(`%${reference}%`)}`,
      ),
    ).toEqual([]);
    expect(
      (await offices(["erase", "--reference", newReference(), "--confirm", "x"])).stderr,
    ).toContain("nothing erased");
    const verified = await offices(["audit-verify"]);
    expect(verified.code, verified.stderr).toBe(0);
    const head = printed(verified.stdout, "Head");
    expect(verified.stdout).toMatch(/with case details erased/);
    expect((await offices(["audit-verify", "--expect-head", head])).code).toBe(0);
    expect((await offices(["audit-verify", "--expect-head", "f".repeat(64)])).stderr).toContain(
      "rewritten",
    );
  });
});
// Keep the import used: the private key file format is read in the first test.
void readFileSync;
