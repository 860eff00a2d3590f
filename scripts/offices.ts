/**
 * `npm run offices -- <command>`: the provincial administrator's tool for receiving offices.
 *
 *   enroll --commune 03253 [--email a@b] [--webhook https://…] [--out DIR]      one office per commune
 *   enroll --province 11 --point [--email …]                                    a province-level receiving point
 *   enroll-province --province 11 [--alert-email a@b] [--out DIR]               the province's recovery key
 *   rotate --office commune-03253 --recovery-key FILE [--out DIR]               new office key; open cases re-wrapped
 *   revoke --office commune-03253                                               stops sign-in and new deliveries
 *   list [--province 11]
 *   demo-keyfile --commune 02536                                                key file of a local demo office
 *
 * Add --remote to act on the production database (needs `wrangler login`), or --persist-to DIR
 * for a local state directory other than the default. Private keys leave this tool only inside
 * key files sealed with a passphrase it prints once; the database receives public keys only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { d1ExecuteFile, d1Query, sql, type D1Target } from "./lib/d1.ts";
import { projectRoot } from "./lib/run.ts";
import {
  insertOfficeKeySql,
  insertOfficeSql,
  insertProvinceKeySql,
  officeIdFor,
  officeNameFor,
} from "../site/src/core/domain/offices/records.ts";
import { demoDir, demoPrivateKeys } from "./demo/seed.ts";
import { generateKeySet, type PrivateKeys } from "../site/src/core/domain/crypto/keys.ts";
import {
  newPassphrase,
  openKeyFile,
  parseKeyFile,
  sealKeyFile,
  type KeyFileHolder,
} from "../site/src/core/domain/crypto/keyfile.ts";
import {
  addRecipient,
  registrationAad,
  type Envelope,
} from "../site/src/core/domain/crypto/envelope.ts";
import { communeByCode, provinceByCode } from "../site/src/core/domain/admin-units/index.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    commune: { type: "string" },
    province: { type: "string" },
    point: { type: "boolean" },
    office: { type: "string" },
    email: { type: "string" },
    webhook: { type: "string" },
    "alert-email": { type: "string" },
    out: { type: "string" },
    "recovery-key": { type: "string" },
    remote: { type: "boolean" },
    "persist-to": { type: "string" },
    env: { type: "string" },
  },
});
const target: D1Target = {
  remote: values.remote,
  persistTo: values["persist-to"],
  env: values.env,
};
const outDir = resolve(values.out ?? join(projectRoot, "office-keys"));

function fail(message: string): never {
  console.error(`offices: ${message}`);
  process.exit(2);
}

async function writeKeyFile(
  holder: KeyFileHolder,
  keys: PrivateKeys[],
  fileName: string,
): Promise<{ file: string; passphrase: string }> {
  const passphrase = newPassphrase();
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, fileName);
  writeFileSync(file, JSON.stringify(await sealKeyFile(holder, { keys }, passphrase), null, 1), {
    mode: 0o600,
  });
  return { file, passphrase };
}

async function askPassphrase(prompt: string): Promise<string> {
  if (process.env.LOI_VE_PASSPHRASE) return process.env.LOI_VE_PASSPHRASE;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(prompt);
  rl.close();
  return answer.trim();
}

async function enroll(): Promise<void> {
  const communeCode = values.point
    ? null
    : (values.commune ?? fail("--commune CODE (or --province CODE --point)"));
  const provinceCode = communeCode
    ? (communeByCode(communeCode)?.provinceCode ?? fail(`no commune ${communeCode}`))
    : (values.province ?? fail("--province CODE"));
  if (!provinceByCode(provinceCode)) fail(`no province ${provinceCode}`);
  const id = officeIdFor(communeCode, provinceCode);
  const existing = await d1Query<{ id: string }>(
    target,
    `SELECT id FROM offices WHERE id = ${sql(id)} AND status = 'active'`,
  );
  if (existing.length) fail(`${id} is already enrolled: use rotate to give it a new key`);
  const { publicKeys, privateKeys } = await generateKeySet();
  const name = officeNameFor(communeCode, provinceCode);
  await d1ExecuteFile(target, [
    `DELETE FROM office_keys WHERE office_id = ${sql(id)}`,
    `DELETE FROM offices WHERE id = ${sql(id)} AND status = 'revoked'`,
    insertOfficeSql({
      id,
      provinceCode,
      communeCode,
      name,
      email: values.email ?? null,
      webhookUrl: values.webhook ?? null,
      demo: false,
    }),
    insertOfficeKeySql(id, publicKeys),
  ]);
  const { file, passphrase } = await writeKeyFile(
    { kind: "office", id, name, provinceCode, ...(communeCode ? { communeCode } : {}) },
    [privateKeys],
    `${id}.key.json`,
  );
  console.log(
    `Enrolled ${name} (${id}), key ${publicKeys.kid}.\n  Key file: ${file}\n  Passphrase: ${passphrase}\n` +
      "Hand the key file and the passphrase to the office separately (e.g. file on a USB stick, passphrase on paper). They are not stored anywhere else.",
  );
}

async function enrollProvince(): Promise<void> {
  const provinceCode = values.province ?? fail("--province CODE");
  const province = provinceByCode(provinceCode) ?? fail(`no province ${provinceCode}`);
  const { publicKeys, privateKeys } = await generateKeySet();
  await d1ExecuteFile(target, [
    `UPDATE province_keys SET status = 'retired' WHERE province_code = ${sql(provinceCode)} AND status = 'active'`,
    insertProvinceKeySql(provinceCode, publicKeys, values["alert-email"] ?? null),
  ]);
  const { file, passphrase } = await writeKeyFile(
    { kind: "province", id: provinceCode, name: province.name, provinceCode },
    [privateKeys],
    `province-${provinceCode}.key.json`,
  );
  console.log(
    `Recovery and administrator key for ${province.name}: ${publicKeys.kid}.\n  Key file: ${file}\n  Passphrase: ${passphrase}\n` +
      "Keep both safe and apart: this key opens every registration of the province.",
  );
}

async function rotate(): Promise<void> {
  const id = values.office ?? fail("--office ID");
  const [office] = await d1Query<{
    id: string;
    province_code: string;
    commune_code: string | null;
    name: string;
  }>(
    target,
    `SELECT id, province_code, commune_code, name FROM offices WHERE id = ${sql(id)} AND status = 'active'`,
  );
  if (!office) fail(`no active office ${id}`);
  const recoveryFile = parseKeyFile(
    readFileSync(
      values["recovery-key"] ??
        fail("--recovery-key FILE (the province's key file, to re-wrap open cases)"),
      "utf8",
    ),
  );
  if (
    recoveryFile.holder.kind !== "province" ||
    recoveryFile.holder.provinceCode !== office.province_code
  )
    fail("that key file is not this province's recovery key");
  const recovery = (
    await openKeyFile(recoveryFile, await askPassphrase("Passphrase of the province key file: "))
  ).keys;
  const { publicKeys, privateKeys } = await generateKeySet();
  // Open cases are re-wrapped to the new key, so the new key file opens all of them.
  const open = await d1Query<{ reference: string; commune_code: string; envelope: string }>(
    target,
    `SELECT reference, commune_code, envelope FROM registrations WHERE office_id = ${sql(id)} AND envelope IS NOT NULL`,
  );
  const updates: string[] = [];
  for (const r of open) {
    const envelope = JSON.parse(r.envelope) as Envelope;
    const opener = recovery.find((k) => envelope.recipients.some((x) => x.kid === k.kid));
    if (!opener) fail(`${r.reference}: not encrypted to any key in the province key file`);
    const rewrapped = await addRecipient(
      envelope,
      { kid: opener.kid, privateJwk: opener.encryption },
      { kid: publicKeys.kid, role: "office", publicKey: publicKeys.encryption },
      registrationAad(r.reference, r.commune_code),
      "office",
    );
    updates.push(
      `UPDATE registrations SET envelope = ${sql(JSON.stringify(rewrapped))} WHERE reference = ${sql(r.reference)}`,
    );
  }
  await d1ExecuteFile(target, [
    `UPDATE office_keys SET status = 'retired', retired_at = ${sql(new Date().toISOString())} WHERE office_id = ${sql(id)} AND status = 'active'`,
    insertOfficeKeySql(id, publicKeys),
    `DELETE FROM sessions WHERE principal_kind = 'office' AND principal_id = ${sql(id)}`,
    ...updates,
  ]);
  const { file, passphrase } = await writeKeyFile(
    {
      kind: "office",
      id,
      name: office.name,
      provinceCode: office.province_code,
      ...(office.commune_code ? { communeCode: office.commune_code } : {}),
    },
    [privateKeys],
    `${id}.key.json`,
  );
  console.log(
    `Rotated ${office.name}: new key ${publicKeys.kid}; ${open.length} open case(s) re-wrapped; sessions ended.\n  Key file: ${file}\n  Passphrase: ${passphrase}`,
  );
}

async function revoke(): Promise<void> {
  const id = values.office ?? fail("--office ID");
  await d1ExecuteFile(target, [
    `UPDATE offices SET status = 'revoked', updated_at = ${sql(new Date().toISOString())} WHERE id = ${sql(id)}`,
    `UPDATE office_keys SET status = 'revoked' WHERE office_id = ${sql(id)}`,
    `DELETE FROM sessions WHERE principal_kind = 'office' AND principal_id = ${sql(id)}`,
  ]);
  console.log(
    `Revoked ${id}: it can no longer sign in; new registrations for its commune go to the province's receiving point, if there is one.`,
  );
}

async function list(): Promise<void> {
  const where = values.province ? `WHERE o.province_code = ${sql(values.province)}` : "";
  const rows = await d1Query<{
    id: string;
    name: string;
    status: string;
    email: string | null;
    webhook_url: string | null;
    kid: string | null;
    demo: number;
  }>(
    target,
    `SELECT o.id, o.name, o.status, o.email, o.webhook_url, o.demo, (SELECT kid FROM office_keys k WHERE k.office_id = o.id AND k.status = 'active') AS kid FROM offices o ${where} ORDER BY o.province_code, o.commune_code LIMIT 5000`,
  );
  for (const r of rows)
    console.log(
      `${r.id}\t${r.status}${r.demo ? " (demo)" : ""}\t${r.kid ?? "-"}\t${r.email ?? "-"}\t${r.webhook_url ?? "-"}\t${r.name}`,
    );
  console.log(`${rows.length} office(s)`);
}

async function demoKeyfile(): Promise<void> {
  const communeCode = values.commune ?? fail("--commune CODE");
  const keys = demoPrivateKeys();
  const entry =
    keys?.offices[communeCode] ??
    fail("no local demo keys for that commune: run `npm start` first");
  const commune = communeByCode(communeCode)!;
  const passphrase = readFileSync(join(demoDir, "passphrase.txt"), "utf8").trim();
  const id = officeIdFor(communeCode, commune.provinceCode);
  const file = join(demoDir, `${id}.key.json`);
  if (!existsSync(file))
    writeFileSync(
      file,
      JSON.stringify(
        await sealKeyFile(
          {
            kind: "office",
            id,
            name: officeNameFor(communeCode, commune.provinceCode),
            provinceCode: commune.provinceCode,
            communeCode,
          },
          { keys: [entry] },
          passphrase,
        ),
        null,
        1,
      ),
    );
  console.log(`Demo key file: ${file}\nPassphrase: ${passphrase}`);
}

const commands: Record<string, () => Promise<void>> = {
  enroll,
  "enroll-province": enrollProvince,
  rotate,
  revoke,
  list,
  "demo-keyfile": demoKeyfile,
};
const command = positionals[0];
if (!command || !commands[command])
  fail(
    `usage: npm run offices -- ${Object.keys(commands).join(" | ")} [options] (see the top of scripts/offices.ts)`,
  );
await commands[command]!();
