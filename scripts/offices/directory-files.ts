/**
 * The published key directory on disk: <dir>/roots.json and <dir>/<province>.json. In production
 * <dir> is site/content/keys/ (committed, copied into dist/keys/ by the build); the local demo
 * writes dist/keys/ directly. Every change is signed with the province's offline key, starting from
 * the last signed directory (verified first), never from what D1 says.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import {
  rootOf,
  rootsFormat,
  signDirectory,
  verifyDirectory,
  type DirectoryOffice,
  type KeyDirectory,
  type KeyRoots,
} from "../../site/src/core/domain/crypto/directory.ts";
import { fingerprint, type PrivateKeys } from "../../site/src/core/domain/crypto/keys.ts";

/** Written whole or not at all (a server reading the folder never sees half a file). */
function writeAtomic(file: string, text: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function readRoots(dir: string): KeyRoots {
  const file = join(dir, "roots.json");
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as KeyRoots)
    : { format: rootsFormat, provinces: {} };
}

export async function writeRoot(dir: string, provinceCode: string, root: PrivateKeys) {
  const roots = readRoots(dir);
  roots.provinces[provinceCode] = await rootOf(root.signing!);
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, "roots.json"), JSON.stringify(roots, null, 1) + "\n");
}

export async function readDirectory(
  dir: string,
  provinceCode: string,
): Promise<KeyDirectory | undefined> {
  const file = join(dir, `${provinceCode}.json`);
  if (!existsSync(file)) return undefined;
  return verifyDirectory(JSON.parse(readFileSync(file, "utf8")), readRoots(dir), provinceCode);
}

/** Signs the next version of a province's directory with its offline root key, and writes it. */
export async function writeDirectory(
  dir: string,
  provinceCode: string,
  offline: { root: PrivateKeys; recovery: PrivateKeys },
  offices: DirectoryOffice[],
  previousVersion = 0,
): Promise<KeyDirectory> {
  const root = await rootOf(offline.root.signing!);
  const recoveryPublic = {
    kty: offline.recovery.encryption!.kty,
    crv: offline.recovery.encryption!.crv,
    x: offline.recovery.encryption!.x,
    y: offline.recovery.encryption!.y,
  };
  const directory = await signDirectory(
    {
      provinceCode,
      version: previousVersion + 1,
      issuedAt: new Date().toISOString(),
      recovery: {
        kid: offline.recovery.kid,
        fingerprint: await fingerprint({ encryption: recoveryPublic }),
        encryption: recoveryPublic,
      },
      offices: [...offices].sort((a, b) => a.id.localeCompare(b.id)),
    },
    { kid: root.kid, signing: offline.root.signing! },
  );
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, `${provinceCode}.json`), JSON.stringify(directory) + "\n");
  return directory;
}

/** Copies a published directory into dist/keys/, refusing anything that does not verify. */
export async function publishInto(from: string, to: string): Promise<number> {
  if (!existsSync(from)) return 0;
  const roots = readRoots(from);
  mkdirSync(to, { recursive: true });
  let n = 0;
  for (const name of readdirSync(from).filter((f) => /^\d{2}\.json$/.test(f))) {
    const code = name.slice(0, 2);
    await verifyDirectory(JSON.parse(readFileSync(join(from, name), "utf8")), roots, code);
    writeAtomic(join(to, name), readFileSync(join(from, name)));
    n++;
  }
  writeAtomic(join(to, "roots.json"), JSON.stringify(roots) + "\n");
  return n;
}
