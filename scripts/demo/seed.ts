/**
 * The local demo: every commune gets a receiving office and every province a recovery key, so
 * the whole journey works on a fresh machine. Demo private keys are kept in .wrangler/demo/
 * (ignored by git, never deployed) so a key file can be made for any demo office; key files for
 * two demo offices and their provinces are written at once, with one printed passphrase.
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
import { generateKeySet, type PrivateKeys } from "../../site/src/core/domain/crypto/keys.ts";
import { newPassphrase, sealKeyFile } from "../../site/src/core/domain/crypto/keyfile.ts";
import {
  communes,
  provinceByCode,
  provinces,
} from "../../site/src/core/domain/admin-units/index.ts";

export const demoDir = join(projectRoot, ".wrangler", "demo");
/** The demo offices whose key files are ready: Tuần Giáo (Điện Biên) and Sơn Dương (Tuyên Quang). */
export const demoCommunes = ["03253", "02536"];

interface DemoKeys {
  provinces: Record<string, PrivateKeys>;
  offices: Record<string, PrivateKeys>;
}

export function demoPrivateKeys(dir = demoDir): DemoKeys | undefined {
  const file = join(dir, "private-keys.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoKeys) : undefined;
}

export interface DemoSetup {
  passphrase: string;
  officeKeyFiles: Record<string, string>;
  provinceKeyFiles: Record<string, string>;
  created: boolean;
}

/** `onlyProvinces` limits the demo to some provinces (the browser tests use two, to start faster). */
export async function seedDemo(
  target: D1Target,
  dir = demoDir,
  onlyProvinces?: string[],
): Promise<DemoSetup> {
  mkdirSync(dir, { recursive: true });
  const count =
    (
      await d1Query<{ count: number }>(
        target,
        "SELECT COUNT(*) AS count FROM offices WHERE demo = 1",
      )
    )[0]?.count ?? 0;
  const passphraseFile = join(dir, "passphrase.txt");
  const keyFiles = () => ({
    officeKeyFiles: Object.fromEntries(
      demoCommunes.map((c) => [c, join(dir, `${officeIdFor(c, "")}.key.json`)]),
    ),
    provinceKeyFiles: Object.fromEntries(
      [...new Set(demoCommunes.map((c) => communes.find((x) => x.code === c)!.provinceCode))].map(
        (p) => [p, join(dir, `province-${p}.key.json`)],
      ),
    ),
  });
  if (count > 0 && existsSync(passphraseFile) && demoPrivateKeys(dir)) {
    return {
      passphrase: readFileSync(passphraseFile, "utf8").trim(),
      ...keyFiles(),
      created: false,
    };
  }
  const keys: DemoKeys = { provinces: {}, offices: {} };
  const statements: string[] = [
    "DELETE FROM office_keys WHERE office_id IN (SELECT id FROM offices WHERE demo = 1)",
    "DELETE FROM offices WHERE demo = 1",
  ];
  const included = (code: string) => !onlyProvinces || onlyProvinces.includes(code);
  for (const p of provinces.filter((x) => included(x.code))) {
    const set = await generateKeySet();
    keys.provinces[p.code] = set.privateKeys;
    statements.push(
      insertProvinceKeySql(p.code, set.publicKeys, `tinh-${p.code}@demo.loi-ve.local`),
    );
  }
  for (const c of communes.filter((x) => included(x.provinceCode))) {
    const set = await generateKeySet();
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
      }),
    );
    statements.push(insertOfficeKeySql(id, set.publicKeys));
  }
  await d1ExecuteFile(target, statements);
  writeFileSync(join(dir, "private-keys.json"), JSON.stringify(keys));
  const passphrase = newPassphrase();
  writeFileSync(passphraseFile, passphrase + "\n");
  const files = keyFiles();
  for (const c of demoCommunes) {
    const commune = communes.find((x) => x.code === c)!;
    const id = officeIdFor(c, commune.provinceCode);
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
  for (const [p, file] of Object.entries(files.provinceKeyFiles)) {
    writeFileSync(
      file,
      JSON.stringify(
        await sealKeyFile(
          { kind: "province", id: p, name: provinceByCode(p)!.name, provinceCode: p },
          { keys: [keys.provinces[p]!] },
          passphrase,
        ),
        null,
        1,
      ),
    );
  }
  return { passphrase, ...files, created: true };
}
