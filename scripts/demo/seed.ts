/**
 * The local demo: every commune gets a receiving office and every province its keys, so the whole
 * journey works on a fresh machine. The demo's key directories are signed with demo offline keys
 * and written straight into dist/keys/ (the build publishes only site/content/keys/). Demo private
 * keys are kept in .wrangler/demo/ (ignored by git, never deployed) so a key file can be made for
 * any demo office; key files for two demo offices, their provinces' sign-in keys and offline keys
 * are written at once, with one printed passphrase. (For real offices the keys are made in the
 * office's own browser: see `npm run offices -- enroll`.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { d1ExecuteFile, d1Query, type D1Target } from "../lib/d1.ts";
import { projectRoot } from "../lib/run.ts";
import {
  insertOfficeKeySql,
  insertOfficeSql,
  insertProvinceKeySql,
  officeIdFor,
  officeNameFor,
} from "../../site/src/core/domain/offices/records.ts";
import { writeDirectory, writeRoot } from "../offices/directory-files.ts";
import {
  fingerprint,
  generateKeySet,
  publicKeysOf,
  type PrivateKeys,
} from "../../site/src/core/domain/crypto/keys.ts";
import { newPassphrase, sealKeyFile } from "../../site/src/core/domain/crypto/keyfile.ts";
import type { DirectoryOffice } from "../../site/src/core/domain/crypto/directory.ts";
import {
  communes,
  provinceByCode,
  provinces,
} from "../../site/src/core/domain/admin-units/index.ts";

export const demoDir = join(projectRoot, ".wrangler", "demo");
/** The demo offices whose key files are ready: Tuần Giáo (Điện Biên) and Sơn Dương (Tuyên Quang). */
export const demoCommunes = ["03253", "02536"];
export const demoKeysOut = join(projectRoot, "dist", "keys");

interface DemoKeys {
  /** Sign-in keys of the provinces' administrators (signing only). */
  provinces: Record<string, PrivateKeys>;
  /** Offline keys: directory root and recovery key. */
  offline: Record<string, { root: PrivateKeys; recovery: PrivateKeys }>;
  offices: Record<string, PrivateKeys>;
}

export function demoPrivateKeys(dir = demoDir): DemoKeys | undefined {
  const file = join(dir, "private-keys.json");
  if (!existsSync(file)) return undefined;
  const keys = JSON.parse(readFileSync(file, "utf8")) as DemoKeys;
  return keys.offline ? keys : undefined; // an older demo (before signed directories) is made again
}

export interface DemoSetup {
  passphrase: string;
  officeKeyFiles: Record<string, string>;
  provinceKeyFiles: Record<string, string>;
  offlineKeyFiles: Record<string, string>;
  created: boolean;
}

async function publishDemo(keys: DemoKeys, keysOut: string, included: (p: string) => boolean) {
  for (const [code, offline] of Object.entries(keys.offline)) {
    if (!included(code)) continue;
    await writeRoot(keysOut, code, offline.root);
    const offices: DirectoryOffice[] = [];
    for (const c of communes.filter((x) => x.provinceCode === code)) {
      const k = keys.offices[c.code];
      if (!k) continue;
      const pub = {
        encryption: {
          kty: k.encryption!.kty,
          crv: k.encryption!.crv,
          x: k.encryption!.x,
          y: k.encryption!.y,
        },
        signing: { kty: k.signing!.kty, crv: k.signing!.crv, x: k.signing!.x, y: k.signing!.y },
      };
      offices.push({
        id: officeIdFor(c.code, code),
        communeCode: c.code,
        name: officeNameFor(c.code, code),
        kid: k.kid,
        fingerprint: await fingerprint(pub),
        ...pub,
      });
    }
    await writeDirectory(keysOut, code, offline, offices);
  }
}

/** `onlyProvinces` limits the demo to some provinces (the browser tests use two, to start faster). */
export async function seedDemo(
  target: D1Target,
  dir = demoDir,
  onlyProvinces?: string[],
  keysOut = demoKeysOut,
): Promise<DemoSetup> {
  mkdirSync(dir, { recursive: true });
  const included = (code: string) => !onlyProvinces || onlyProvinces.includes(code);
  const count =
    (
      await d1Query<{ count: number }>(
        target,
        "SELECT COUNT(*) AS count FROM offices WHERE demo = 1",
      )
    )[0]?.count ?? 0;
  const passphraseFile = join(dir, "passphrase.txt");
  const demoProvinces = [
    ...new Set(demoCommunes.map((c) => communes.find((x) => x.code === c)!.provinceCode)),
  ];
  const keyFiles = () => ({
    officeKeyFiles: Object.fromEntries(
      demoCommunes.map((c) => [c, join(dir, `${officeIdFor(c, "")}.key.json`)]),
    ),
    provinceKeyFiles: Object.fromEntries(
      demoProvinces.map((p) => [p, join(dir, `province-${p}.key.json`)]),
    ),
    offlineKeyFiles: Object.fromEntries(
      demoProvinces.map((p) => [p, join(dir, `province-${p}.offline.key.json`)]),
    ),
  });
  const existing = demoPrivateKeys(dir);
  if (count > 0 && existsSync(passphraseFile) && existing) {
    // dist/ may have been rebuilt since: publish the demo directories again.
    await publishDemo(existing, keysOut, included);
    return {
      passphrase: readFileSync(passphraseFile, "utf8").trim(),
      ...keyFiles(),
      created: false,
    };
  }
  // Keys already made in this folder are used again (for a fresh database too): two test runs
  // sharing dist/ then publish the same directories. Otherwise they are made now.
  const reuse =
    existing && provinces.filter((x) => included(x.code)).every((p) => existing.offline[p.code])
      ? existing
      : undefined;
  const keys: DemoKeys = reuse ?? { provinces: {}, offline: {}, offices: {} };
  const statements: string[] = [
    "DELETE FROM office_keys WHERE office_id IN (SELECT id FROM offices WHERE demo = 1)",
    "DELETE FROM offices WHERE demo = 1 AND id NOT IN (SELECT office_id FROM items)",
    "DELETE FROM province_keys",
  ];
  const publicOf = async (k: PrivateKeys) => publicKeysOf(k);
  for (const p of provinces.filter((x) => included(x.code))) {
    if (!reuse) {
      keys.provinces[p.code] = (await generateKeySet({ signing: true })).privateKeys;
      keys.offline[p.code] = {
        root: (await generateKeySet({ signing: true })).privateKeys,
        recovery: (await generateKeySet({ encryption: true })).privateKeys,
      };
    }
    statements.push(
      insertProvinceKeySql(
        p.code,
        await publicOf(keys.provinces[p.code]!),
        `tinh-${p.code}@demo.loi-ve.local`,
      ),
    );
  }
  for (const c of communes.filter((x) => included(x.provinceCode))) {
    const set = reuse?.offices[c.code]
      ? { privateKeys: reuse.offices[c.code]!, publicKeys: await publicOf(reuse.offices[c.code]!) }
      : await generateKeySet();
    const id = officeIdFor(c.code, c.provinceCode);
    keys.offices[c.code] = set.privateKeys;
    statements.push(
      insertOfficeSql({
        id,
        provinceCode: c.provinceCode,
        communeCode: c.code,
        name: officeNameFor(c.code, c.provinceCode),
        email: `xa-${c.code}@demo.loi-ve.local`,
        webhookUrl: null,
        demo: true,
      }) + " ON CONFLICT (id) DO NOTHING",
      insertOfficeKeySql(id, set.publicKeys, await fingerprint(set.publicKeys)),
    );
  }
  await d1ExecuteFile(target, statements);
  writeFileSync(join(dir, "private-keys.json"), JSON.stringify(keys), { mode: 0o600 });
  await publishDemo(keys, keysOut, included);
  const passphrase =
    reuse && existsSync(passphraseFile)
      ? readFileSync(passphraseFile, "utf8").trim()
      : newPassphrase();
  writeFileSync(passphraseFile, passphrase + "\n");
  const files = keyFiles();
  for (const c of demoCommunes) {
    const commune = communes.find((x) => x.code === c)!;
    if (!included(commune.provinceCode)) continue;
    const id = officeIdFor(c, commune.provinceCode);
    if (reuse && existsSync(files.officeKeyFiles[c]!)) continue;
    writeFileSync(
      files.officeKeyFiles[c]!,
      JSON.stringify(
        await sealKeyFile(
          {
            kind: "office",
            id,
            name: officeNameFor(c, commune.provinceCode),
            provinceCode: commune.provinceCode,
            communeCode: c,
          },
          { keys: [keys.offices[c]!] },
          passphrase,
        ),
        null,
        1,
      ),
    );
  }
  for (const p of demoProvinces.filter(included)) {
    const name = provinceByCode(p)!.name;
    if (reuse && existsSync(files.offlineKeyFiles[p]!)) continue;
    writeFileSync(
      files.provinceKeyFiles[p]!,
      JSON.stringify(
        await sealKeyFile(
          { kind: "province", id: p, name, provinceCode: p },
          { keys: [keys.provinces[p]!] },
          passphrase,
        ),
        null,
        1,
      ),
    );
    writeFileSync(
      files.offlineKeyFiles[p]!,
      JSON.stringify(
        await sealKeyFile(
          { kind: "province-offline", id: p, name, provinceCode: p },
          { keys: [keys.offline[p]!.root, keys.offline[p]!.recovery] },
          passphrase,
        ),
        null,
        1,
      ),
    );
  }
  return { passphrase, ...files, created: true };
}
