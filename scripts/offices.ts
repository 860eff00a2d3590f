/**
 * `npm run offices -- <command>`: the provincial administrator's offline tool. It holds the
 * province's offline key file (the recovery key, which opens every registration of the province,
 * and the key that signs the province's key directory); no browser ever does.
 *
 *   enroll-province --province 11 [--alert-email a@b] [--shares 3 --threshold 2]
 *       the offline key file (or threshold shares of it), a signing-only sign-in key file for the
 *       figures page, the province's root in the key directory, and a first signed directory
 *   enroll --commune 03253 [--email a@b] [--webhook https://…]     a new office: prints a one-time
 *   enroll --province 11 --point [--email …]                        enrolment code; the office makes
 *   enroll --office commune-03253                                   its own keys in its inbox
 *                                                                   (--office: new keys, same office)
 *   approve --office commune-03253 --fingerprint "ABCD …" --offline-key FILE
 *       checks the fingerprint from the office's handover sheet, activates the key, re-wraps the
 *       office's cases to it (new keys for an existing office) and signs the new directory
 *   revoke --office commune-03253 [--successor ID] --offline-key FILE
 *       stops deliveries, re-wraps every case to the successor (default: the province's receiving
 *       point), ends sign-in, and signs the directory without the office
 *   open --reference K7QM3WXP9TA --offline-key FILE    reads one case with the recovery key
 *   erase --reference K7QM3WXP9TA [--confirm K7QM3WXP9TA]   deletes every row that names it
 *   audit-verify [--expect-head HASH]                  recomputes the audit hash chain
 *   verify-directory --province 11                     checks a published directory and its root
 *   webhook-secret --office ID                         the office's webhook secret (needs WEBHOOK_SECRET)
 *   list [--province 11]
 *   demo-keyfile --commune 02536                       key file of a local demo office
 *
 * Every command that uses the recovery key, or changes an office or a case, writes an audit
 * entry. Passphrases come from a prompt, or LOI_VE_PASSPHRASE (the offline key file) and
 * LOI_VE_SHARE_PASSPHRASES (comma-separated, one per --share file) for scripts and tests.
 * Add --remote to act on the production database (needs `wrangler login`), --persist-to DIR for
 * another local state, --keys-dir DIR for the published directory (default site/content/keys).
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
import {
  auditSql,
  eraseStatementsSql,
  itemsOfOfficeSql,
  rewrapStatements,
  revokeStatements,
  type StoredItemRow,
} from "../site/src/core/domain/offices/actions.ts";
import { readDirectory, readRoots, writeDirectory, writeRoot } from "./offices/directory-files.ts";
import { demoDir, demoPrivateKeys } from "./demo/seed.ts";
import { generateKeySet, type PrivateKeys } from "../site/src/core/domain/crypto/keys.ts";
import {
  newPassphrase,
  openKeyFile,
  openKeyFileWithUnlockKey,
  parseKeyFile,
  sealKeyFile,
  sealKeyFileForShares,
  type KeyFile,
  type KeyFileHolder,
} from "../site/src/core/domain/crypto/keyfile.ts";
import {
  combineShares,
  splitUnlockKey,
  type Share,
} from "../site/src/core/domain/crypto/shares.ts";
import { openItem, type ItemEnvelope } from "../site/src/core/domain/crypto/hpke.ts";
import { sha256Hex } from "../site/src/core/domain/crypto/canonical.ts";
import { planSeal, subjectFields, verifyChain } from "../site/src/core/domain/audit/chain.ts";
import {
  referenceAlphabet,
  isValidReference,
  normalizeReference,
} from "../site/src/core/domain/registration/reference.ts";
import { communeByCode, provinceByCode } from "../site/src/core/domain/admin-units/index.ts";
import { webhookSecretFor } from "../site/src/core/domain/crypto/webhook.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    commune: { type: "string" },
    province: { type: "string" },
    point: { type: "boolean" },
    office: { type: "string" },
    successor: { type: "string" },
    email: { type: "string" },
    webhook: { type: "string" },
    "alert-email": { type: "string" },
    out: { type: "string" },
    "offline-key": { type: "string" },
    share: { type: "string", multiple: true },
    shares: { type: "string" },
    threshold: { type: "string" },
    fingerprint: { type: "string" },
    reference: { type: "string" },
    confirm: { type: "string" },
    "expect-head": { type: "string" },
    "keys-dir": { type: "string" },
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
const keysDir = resolve(values["keys-dir"] ?? join(projectRoot, "site/content/keys"));

function fail(message: string): never {
  console.error(`offices: ${message}`);
  process.exit(2);
}

async function ask(prompt: string, fromEnv?: string): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(prompt);
  rl.close();
  return answer.trim();
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

/** The province's offline keys: [0] signs the directory, [1] is the recovery key (older ones after). */
interface Offline {
  provinceCode: string;
  root: PrivateKeys;
  recovery: PrivateKeys[];
}

async function openOffline(): Promise<Offline> {
  const path =
    values["offline-key"] ?? fail("--offline-key FILE (the province's offline key file)");
  const file = parseKeyFile(readFileSync(path, "utf8"));
  if (file.holder.kind !== "province-offline") fail("that is not a province's offline key file");
  let keys: PrivateKeys[];
  if (file.kdf.name === "shares") {
    const shareFiles =
      values.share ?? fail(`--share FILE, ${file.kdf.threshold} of ${file.kdf.total} holders`);
    const passphrases = process.env.LOI_VE_SHARE_PASSPHRASES?.split(",");
    const shares: Share[] = [];
    for (const [i, f] of shareFiles.entries()) {
      const shareFile = parseKeyFile(readFileSync(f, "utf8"));
      const opened = await openKeyFile(
        shareFile,
        await ask(`Passphrase of share ${f}: `, passphrases?.[i]),
      ).catch(() => fail(`the passphrase of ${f} is wrong`));
      shares.push(opened.share ?? fail(`${f} is not a share file`));
    }
    const unlock = await combineShares(shares).catch((e: Error) => fail(e.message));
    keys = (
      await openKeyFileWithUnlockKey(file, unlock).catch(() =>
        fail("these shares do not open the key file"),
      )
    ).keys;
  } else {
    keys = (
      await openKeyFile(
        file,
        await ask("Passphrase of the offline key file: ", process.env.LOI_VE_PASSPHRASE),
      ).catch(() => fail("wrong passphrase"))
    ).keys;
  }
  const root =
    keys.find((k) => k.signing && !k.encryption) ?? fail("no directory-signing key in the file");
  return {
    provinceCode: file.holder.provinceCode,
    root,
    recovery: keys.filter((k) => k.encryption),
  };
}

async function sealAudit(): Promise<void> {
  const [last] = await d1Query<{ id: number; hash: string }>(
    target,
    "SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
  );
  const rows = await d1Query<{
    id: number;
    at: string;
    actor_kind: string;
    actor_id: string;
    action: string;
    reference: string | null;
    detail: string | null;
    subject_salt: string | null;
    subject_digest: string | null;
  }>(
    target,
    `SELECT id, at, actor_kind, actor_id, action, reference, detail, subject_salt, subject_digest FROM audit_log WHERE hash IS NULL ${last ? `AND id > ${last.id}` : ""} ORDER BY id LIMIT 500`,
  );
  if (!rows.length) return;
  const updates = await planSeal(
    last?.hash ?? null,
    rows.map((r) => ({
      seq: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      action: r.action,
      reference: r.reference,
      detail: r.detail,
      subjectSalt: r.subject_salt,
      subjectDigest: r.subject_digest,
    })),
  );
  await d1ExecuteFile(
    target,
    updates.map(
      (u) =>
        `UPDATE audit_log SET prev_hash = ${sql(u.prevHash)}, hash = ${sql(u.hash)}, subject_salt = ${sql(u.subjectSalt)}, subject_digest = ${sql(u.subjectDigest)} WHERE id = ${u.seq} AND hash IS NULL`,
    ),
  );
}

/** Runs the statements and their audit entry in one transaction, then seals the chain. */
async function act(
  statements: string[],
  provinceCode: string,
  action: string,
  reference: string | null = null,
  detail: string | null = null,
): Promise<void> {
  await d1ExecuteFile(target, [
    ...statements,
    auditSql(
      { kind: "administrator", id: `province-${provinceCode}` },
      action,
      await subjectFields(reference, detail),
      reference,
      detail,
    ),
  ]);
  await sealAudit();
}

function newEnrolmentCode(): string {
  let code = "";
  while (code.length < 16)
    for (const b of crypto.getRandomValues(new Uint8Array(32)))
      if (b < 240 && code.length < 16) code += referenceAlphabet[b % 30];
  return code;
}

async function enrollProvince(): Promise<void> {
  const provinceCode = values.province ?? fail("--province CODE");
  const province = provinceByCode(provinceCode) ?? fail(`no province ${provinceCode}`);
  if (readRoots(keysDir).provinces[provinceCode] && !process.env.LOI_VE_REPLACE_ROOT)
    fail(
      `${provinceCode} already has a root in ${keysDir}: replacing it re-keys the whole province`,
    );
  const root = (await generateKeySet({ signing: true })).privateKeys;
  const recovery = (await generateKeySet({ encryption: true })).privateKeys;
  const signIn = await generateKeySet({ signing: true });
  const holder: KeyFileHolder = {
    kind: "province-offline",
    id: provinceCode,
    name: province.name,
    provinceCode,
  };
  mkdirSync(outDir, { recursive: true });
  const offlineFile = join(outDir, `province-${provinceCode}.offline.key.json`);
  let printed: string;
  if (values.shares) {
    const total = Number(values.shares);
    const threshold = Number(values.threshold ?? fail("--threshold N with --shares"));
    const unlock = crypto.getRandomValues(new Uint8Array(32));
    const shares = await splitUnlockKey(unlock, total, threshold);
    writeFileSync(
      offlineFile,
      JSON.stringify(
        await sealKeyFileForShares(
          holder,
          { keys: [root, recovery] },
          { splitId: shares[0]!.splitId, threshold, total },
          unlock,
        ),
        null,
        1,
      ),
      { mode: 0o600 },
    );
    unlock.fill(0);
    const lines: string[] = [];
    for (const share of shares) {
      const passphrase = newPassphrase();
      const file = join(outDir, `province-${provinceCode}.share-${share.index}.key.json`);
      writeFileSync(
        file,
        JSON.stringify(
          await sealKeyFile(
            {
              kind: "share",
              id: `${provinceCode}-${share.index}`,
              name: province.name,
              provinceCode,
            },
            { keys: [], share },
            passphrase,
          ),
          null,
          1,
        ),
        { mode: 0o600 },
      );
      lines.push(
        `  Share ${share.index} of ${total}: ${file}\n  Passphrase ${share.index}: ${passphrase}`,
      );
    }
    printed = `Offline key file: ${offlineFile} (opens with any ${threshold} of the ${total} shares)\n${lines.join("\n")}\nGive each share file and its passphrase to a different holder.`;
  } else {
    const passphrase = newPassphrase();
    writeFileSync(
      offlineFile,
      JSON.stringify(await sealKeyFile(holder, { keys: [root, recovery] }, passphrase), null, 1),
      { mode: 0o600 },
    );
    printed = `Offline key file: ${offlineFile}\n  Offline passphrase: ${passphrase}`;
  }
  const signInFile = await writeKeyFile(
    { kind: "province", id: provinceCode, name: province.name, provinceCode },
    [signIn.privateKeys],
    `province-${provinceCode}.key.json`,
  );
  await writeRoot(keysDir, provinceCode, root);
  const directory = await writeDirectory(keysDir, provinceCode, { root, recovery }, [], 0);
  await act(
    [
      `UPDATE province_keys SET status = 'retired' WHERE province_code = ${sql(provinceCode)} AND status = 'active'`,
      insertProvinceKeySql(provinceCode, signIn.publicKeys, values["alert-email"] ?? null),
    ],
    provinceCode,
    "enroll-province",
    null,
    `recovery ${recovery.kid}, root ${directory.signer.kid}`,
  );
  console.log(
    `Province ${province.name}: recovery key ${recovery.kid}, directory root ${directory.signer.kid} (fingerprint ${readRoots(keysDir).provinces[provinceCode]!.fingerprint}).\n` +
      `${printed}\n` +
      `Key file: ${signInFile.file}\nPassphrase: ${signInFile.passphrase}\n` +
      `  (the key file above signs in to the province's figures only; it opens no registration)\n` +
      `Keep the offline key file off any networked computer: it opens every registration of the province.\n` +
      `Commit ${keysDir}/roots.json and ${provinceCode}.json, rebuild and deploy to publish them.`,
  );
}

async function enroll(): Promise<void> {
  let officeId: string;
  let provinceCode: string;
  let communeCode: string | null;
  let name: string;
  if (values.office) {
    const [office] = await d1Query<{
      id: string;
      province_code: string;
      commune_code: string | null;
      name: string;
    }>(
      target,
      `SELECT id, province_code, commune_code, name FROM offices WHERE id = ${sql(values.office)} AND status = 'active'`,
    );
    if (!office) fail(`no active office ${values.office}`);
    ({ id: officeId, province_code: provinceCode, commune_code: communeCode, name } = office);
  } else {
    communeCode = values.point
      ? null
      : (values.commune ?? fail("--commune CODE (or --province CODE --point)"));
    provinceCode = communeCode
      ? (communeByCode(communeCode)?.provinceCode ?? fail(`no commune ${communeCode}`))
      : (values.province ?? fail("--province CODE"));
    if (!provinceByCode(provinceCode)) fail(`no province ${provinceCode}`);
    const previous = await d1Query<{ id: string; status: string }>(
      target,
      `SELECT id, status FROM offices WHERE ${communeCode ? `commune_code = ${sql(communeCode)}` : `commune_code IS NULL AND province_code = ${sql(provinceCode)}`}`,
    );
    if (previous.some((o) => o.status === "active"))
      fail(
        `${previous.find((o) => o.status === "active")!.id} is already enrolled: use enroll --office ID for new keys, or revoke it first`,
      );
    officeId = officeIdFor(communeCode, provinceCode, previous.length + 1);
    name = officeNameFor(communeCode, provinceCode);
  }
  if (values.webhook && !/^https:\/\//.test(values.webhook))
    fail("a webhook must be an https:// address");
  const code = newEnrolmentCode();
  const expires = new Date(Date.now() + 14 * 86_400_000).toISOString();
  await act(
    [
      `DELETE FROM office_enrolments WHERE office_id = ${sql(officeId)}`,
      `INSERT INTO office_enrolments (office_id, province_code, commune_code, name, email, webhook_url, code_hash, expires_at) VALUES (${sql(officeId)}, ${sql(provinceCode)}, ${sql(communeCode)}, ${sql(name)}, ${sql(values.email ?? null)}, ${sql(values.webhook ?? null)}, ${sql(await sha256Hex(`loi-ve/enrolment/v1|${code}`))}, ${sql(expires)})`,
    ],
    provinceCode,
    values.office ? "enroll-new-keys" : "enroll",
    null,
    officeId,
  );
  console.log(
    `Enrolment of ${name} (${officeId}).\n  Enrolment code: ${code.match(/.{4}/g)!.join("-")}\n  Valid until: ${expires.slice(0, 10)}\n` +
      'Give the code to the office (e.g. on paper). At /vi/office/ it chooses "First time? Make your office\'s keys": its browser makes\n' +
      "the keys and saves the key file; nobody else ever holds the private key. Then approve the fingerprint on its handover sheet:\n" +
      `  npm run offices -- approve --office ${officeId} --fingerprint "…" --offline-key province-${provinceCode}.offline.key.json`,
  );
}

async function approve(): Promise<void> {
  const officeId = values.office ?? fail("--office ID");
  const given = (values.fingerprint ?? fail('--fingerprint "…" from the office\'s handover sheet'))
    .toUpperCase()
    .replace(/[^0-9A-F]/g, "");
  const [e] = await d1Query<{
    office_id: string;
    province_code: string;
    commune_code: string | null;
    name: string;
    email: string | null;
    webhook_url: string | null;
    kid: string | null;
    encryption_jwk: string | null;
    signing_jwk: string | null;
    fingerprint: string | null;
  }>(target, `SELECT * FROM office_enrolments WHERE office_id = ${sql(officeId)}`);
  if (!e) fail(`no enrolment for ${officeId}`);
  if (!e.kid || !e.fingerprint) fail(`${officeId} has not made its keys yet (its first sign-in)`);
  if (e.fingerprint.replace(/ /g, "") !== given)
    fail(
      `the fingerprint does not match the keys ${officeId} sent (${e.fingerprint}): do not approve; call the office`,
    );
  const offline = await openOffline();
  if (offline.provinceCode !== e.province_code) fail("that offline key file is another province's");
  const directory = await readDirectory(keysDir, e.province_code);
  if (!directory) fail(`no signed directory for ${e.province_code} in ${keysDir}`);
  const keys = {
    kid: e.kid,
    encryption: JSON.parse(e.encryption_jwk!),
    signing: JSON.parse(e.signing_jwk!),
  };
  const entry = {
    id: officeId,
    communeCode: e.commune_code,
    name: e.name,
    kid: e.kid,
    fingerprint: e.fingerprint,
    encryption: keys.encryption,
    signing: keys.signing,
  };
  const [existing] = await d1Query<{ id: string }>(
    target,
    `SELECT id FROM offices WHERE id = ${sql(officeId)}`,
  );
  // New keys for an office that has cases: they are re-wrapped to the new key with the recovery key.
  const items = existing ? await d1Query<StoredItemRow>(target, itemsOfOfficeSql(officeId)) : [];
  const { statements, unreadable } = await rewrapStatements(items, offline.recovery, entry);
  const now = new Date().toISOString();
  await act(
    [
      ...(existing
        ? [
            `UPDATE office_keys SET status = 'retired', retired_at = ${sql(now)} WHERE office_id = ${sql(officeId)} AND status = 'active'`,
            `DELETE FROM sessions WHERE principal_kind = 'office' AND principal_id = ${sql(officeId)}`,
          ]
        : [
            insertOfficeSql({
              id: officeId,
              provinceCode: e.province_code,
              communeCode: e.commune_code,
              name: e.name,
              email: e.email,
              webhookUrl: e.webhook_url,
              demo: false,
            }),
          ]),
      insertOfficeKeySql(officeId, keys, e.fingerprint),
      ...statements,
      `DELETE FROM office_enrolments WHERE office_id = ${sql(officeId)}`,
    ],
    e.province_code,
    existing ? "approve-new-keys (recovery key used)" : "approve",
    null,
    `${officeId} ${e.kid}`,
  );
  const signed = await writeDirectory(
    keysDir,
    e.province_code,
    { root: offline.root, recovery: offline.recovery[0]! },
    [...directory.offices.filter((o) => o.id !== officeId), entry],
    directory.version,
  );
  console.log(
    `Approved ${e.name} (${officeId}), key ${e.kid}, fingerprint ${e.fingerprint}.` +
      (items.length
        ? ` ${items.length - unreadable.length} case(s) re-wrapped to the new key.`
        : "") +
      (unreadable.length
        ? ` Not re-wrapped (old format or other key): ${unreadable.join(", ")}.`
        : "") +
      `\nSigned directory ${e.province_code} version ${signed.version}: rebuild and deploy to publish it; until then items for this commune go where they went before.`,
  );
}

async function revoke(): Promise<void> {
  const officeId = values.office ?? fail("--office ID");
  const [office] = await d1Query<{ id: string; province_code: string; status: string }>(
    target,
    `SELECT id, province_code, status FROM offices WHERE id = ${sql(officeId)}`,
  );
  if (!office || office.status !== "active") fail(`no active office ${officeId}`);
  const offline = await openOffline();
  if (offline.provinceCode !== office.province_code)
    fail("that offline key file is another province's");
  const directory = await readDirectory(keysDir, office.province_code);
  if (!directory) fail(`no signed directory for ${office.province_code} in ${keysDir}`);
  const successorId = values.successor ?? officeIdFor(null, office.province_code);
  const successor = directory.offices.find((o) => o.id === successorId);
  if (!successor || successorId === officeId)
    fail(
      `the successor ${successorId} is not in the signed directory: enrol and approve it first (--successor ID)`,
    );
  const items = await d1Query<StoredItemRow>(target, itemsOfOfficeSql(officeId));
  const { statements, unreadable } = await revokeStatements(
    officeId,
    items,
    offline.recovery,
    successor,
  );
  await act(
    statements,
    office.province_code,
    "revoke (recovery key used)",
    null,
    `${officeId} → ${successorId}, ${items.length} case(s)`,
  );
  const signed = await writeDirectory(
    keysDir,
    office.province_code,
    { root: offline.root, recovery: offline.recovery[0]! },
    directory.offices.filter((o) => o.id !== officeId),
    directory.version,
  );
  console.log(
    `Revoked ${officeId}: sign-in and deliveries stopped; ${items.length - unreadable.length} case(s) re-wrapped to ${successorId}, which receives new registrations for its commune now.` +
      (unreadable.length ? ` Not re-wrapped (old format): ${unreadable.join(", ")}.` : "") +
      `\nSigned directory ${office.province_code} version ${signed.version} without it: rebuild and deploy. To enrol the commune again: npm run offices -- enroll --commune …`,
  );
}

async function openCase(): Promise<void> {
  const reference = normalizeReference(values.reference ?? fail("--reference CODE"));
  const [row] = await d1Query<StoredItemRow & { province_code: string }>(
    target,
    `SELECT reference, kind, commune_code, form_version, envelope, province_code FROM items WHERE reference = ${sql(reference)}`,
  );
  if (!row) fail(`no case ${reference}`);
  const offline = await openOffline();
  if (offline.provinceCode !== row.province_code)
    fail("that offline key file is another province's");
  const envelope = JSON.parse(row.envelope) as ItemEnvelope;
  const key =
    offline.recovery.find((k) => envelope.recipients?.some((r) => r.kid === k.kid)) ??
    fail("not sealed to this recovery key");
  const plain = await openItem(
    envelope,
    { kind: row.kind, reference, communeCode: row.commune_code, formVersion: row.form_version },
    key.kid,
    key.encryption!,
  ).catch(() => fail("the case does not open: altered, or bound to another record"));
  await act([], row.province_code, "recovery-open", reference);
  process.stdout.write(new TextDecoder().decode(plain) + "\n");
}

async function erase(): Promise<void> {
  const reference = normalizeReference(values.reference ?? fail("--reference CODE"));
  if (!isValidReference(reference)) fail(`${reference} is not a reference code`);
  const [row] = await d1Query<{ kind: string; province_code: string }>(
    target,
    `SELECT kind, province_code FROM items WHERE reference = ${sql(reference)}`,
  );
  if (!row) fail(`no case ${reference}: nothing erased`);
  const confirm = normalizeReference(
    values.confirm ?? (await ask(`Type ${reference} again to erase it for good: `)),
  );
  if (confirm !== reference) fail("the reference typed again does not match: nothing erased");
  await act(eraseStatementsSql(row.kind, reference), row.province_code, "erase", null, row.kind);
  console.log(
    `Erased ${reference}: no row names it any more. D1 Time Travel keeps its history for 30 days.`,
  );
}

async function auditVerify(): Promise<void> {
  await sealAudit();
  const rows = await d1Query<Record<string, string | number | null>>(
    target,
    "SELECT * FROM audit_log ORDER BY id LIMIT 100000",
  );
  const report = await verifyChain(
    rows.map((r) => ({
      seq: r.id as number,
      at: r.at as string,
      actorKind: r.actor_kind as string,
      actorId: r.actor_id as string,
      action: r.action as string,
      subjectDigest: r.subject_digest as string | null,
      prevHash: r.prev_hash as string | null,
      hash: r.hash as string | null,
      reference: r.reference as string | null,
      detail: r.detail as string | null,
      subjectSalt: r.subject_salt as string | null,
    })),
  );
  if (!report.ok)
    fail(`audit chain broken at entry ${report.problem!.seq}: ${report.problem!.reason}`);
  const expect = values["expect-head"];
  if (expect && !rows.some((r) => r.hash === expect))
    fail(`the head you kept (${expect}) is not in the chain: history was rewritten`);
  console.log(
    `Audit chain verifies: ${report.entries} entries (${report.erased} with case details erased). Head: ${report.head}\nKeep this head; next time run audit-verify --expect-head ${report.head}`,
  );
}

async function verifyDirectoryCommand(): Promise<void> {
  const provinceCode = values.province ?? fail("--province CODE");
  const d = await readDirectory(keysDir, provinceCode).catch((e: Error) => fail(e.message));
  if (!d) fail(`no directory for ${provinceCode} in ${keysDir}`);
  const root = readRoots(keysDir).provinces[provinceCode]!;
  console.log(
    `Directory ${provinceCode} version ${d.version} (${d.issuedAt}) verifies with root ${root.kid}, fingerprint ${root.fingerprint}.`,
  );
  console.log(`  recovery ${d.recovery.kid}  ${d.recovery.fingerprint}`);
  for (const o of d.offices) console.log(`  ${o.id}\t${o.kid}\t${o.fingerprint}\t${o.name}`);
}

async function webhookSecret(): Promise<void> {
  const officeId = values.office ?? fail("--office ID");
  const master =
    process.env.WEBHOOK_SECRET ??
    fail("set WEBHOOK_SECRET (the Worker's secret) in the environment");
  console.log(
    `Webhook secret of ${officeId}: ${await webhookSecretFor(master, officeId)}\nGive it to the province's receiving system only; it checks X-LoiVe-Signature with it (README: webhooks).`,
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
    successor_id: string | null;
  }>(
    target,
    `SELECT o.id, o.name, o.status, o.email, o.webhook_url, o.demo, o.successor_id, (SELECT kid FROM office_keys k WHERE k.office_id = o.id AND k.status = 'active') AS kid FROM offices o ${where} ORDER BY o.province_code, o.commune_code LIMIT 5000`,
  );
  for (const r of rows)
    console.log(
      `${r.id}\t${r.status}${r.demo ? " (demo)" : ""}${r.successor_id ? ` → ${r.successor_id}` : ""}\t${r.kid ?? "-"}\t${r.email ?? "-"}\t${r.webhook_url ?? "-"}\t${r.name}`,
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
  "enroll-province": enrollProvince,
  enroll,
  approve,
  revoke,
  open: openCase,
  erase,
  "audit-verify": auditVerify,
  "verify-directory": verifyDirectoryCommand,
  "webhook-secret": webhookSecret,
  list,
  "demo-keyfile": demoKeyfile,
};
const command = positionals[0];
if (!command || !commands[command])
  fail(
    `usage: npm run offices -- ${Object.keys(commands).join(" | ")} [options] (see the top of scripts/offices.ts)`,
  );
await commands[command]!();
export type { KeyFile };
