/**
 * The key directory: the public keys a province's items may be sealed to, published in the static
 * build (dist/keys/<province>.json) and signed by the province with an offline key that only its
 * administrator's tool holds. The roots (each province's directory-signing public key) are
 * published beside it (dist/keys/roots.json), committed with the site.
 *
 * Nobody who can only write to D1 can add a key here: the browser and the Worker seal only to keys
 * from a directory whose signature verifies. Fingerprints let people check keys by eye: the office
 * at sign-in and on its key handover sheet, the province with `npm run offices -- verify-directory`.
 */
import { canonicalJson } from "./canonical.ts";
import { fromBase64Url } from "./encoding.ts";
import { fingerprint, keyId, publicPart, signText, verifyText } from "./keys.ts";
import type { Recipient } from "./hpke.ts";

export const directoryFormat = "loi-ve-key-directory/v1";
export const rootsFormat = "loi-ve-key-roots/v1";

export interface DirectoryOffice {
  /** The office's id in D1 (commune-03253, commune-03253-2 after a re-enrolment, province-11-point). */
  id: string;
  /** null: the province's receiving point. */
  communeCode: string | null;
  name: string;
  kid: string;
  fingerprint: string;
  encryption: JsonWebKey;
  signing: JsonWebKey;
}

export interface KeyDirectory {
  format: typeof directoryFormat;
  provinceCode: string;
  /** Goes up by one at every signing: a verifier can refuse an older directory. */
  version: number;
  issuedAt: string;
  /** The province's recovery key: every item is also sealed to it. */
  recovery: { kid: string; fingerprint: string; encryption: JsonWebKey };
  offices: DirectoryOffice[];
  signer: { kid: string };
  /** ECDSA P-256 / SHA-256 over the canonical JSON of everything else, base64url. */
  signature: string;
}

export interface KeyRoot {
  kid: string;
  fingerprint: string;
  signing: JsonWebKey;
}
export interface KeyRoots {
  format: typeof rootsFormat;
  provinces: Record<string, KeyRoot>;
}

export class DirectoryError extends Error {}

export type UnsignedDirectory = Omit<KeyDirectory, "signature" | "signer" | "format">;

function signedText(d: Omit<KeyDirectory, "signature">): string {
  return canonicalJson({ ...d, signature: undefined });
}

export async function signDirectory(
  unsigned: UnsignedDirectory,
  root: { kid: string; signing: JsonWebKey },
): Promise<KeyDirectory> {
  const body: Omit<KeyDirectory, "signature"> = {
    format: directoryFormat,
    provinceCode: unsigned.provinceCode,
    version: unsigned.version,
    issuedAt: unsigned.issuedAt,
    recovery: {
      kid: unsigned.recovery.kid,
      fingerprint: unsigned.recovery.fingerprint,
      encryption: publicPart(unsigned.recovery.encryption),
    },
    offices: unsigned.offices.map((o) => ({
      ...o,
      encryption: publicPart(o.encryption),
      signing: publicPart(o.signing),
    })),
    signer: { kid: root.kid },
  };
  return { ...body, signature: await signText(root.signing, signedText(body)) };
}

/** A root entry from a signing key (the public half is enough). */
export async function rootOf(signing: JsonWebKey): Promise<KeyRoot> {
  const pub = publicPart(signing);
  return {
    kid: await keyId(undefined, pub),
    fingerprint: await fingerprint({ signing: pub }),
    signing: pub,
  };
}

/**
 * Checks a directory against the pinned roots: the right format and province, a valid signature
 * by that province's root, and every key's id and fingerprint computed, not trusted.
 */
export async function verifyDirectory(
  value: unknown,
  roots: KeyRoots,
  provinceCode: string,
): Promise<KeyDirectory> {
  const d = value as KeyDirectory;
  if (!d || d.format !== directoryFormat || d.provinceCode !== provinceCode)
    throw new DirectoryError("not the key directory of this province");
  const root = roots?.format === rootsFormat ? roots.provinces[provinceCode] : undefined;
  if (!root) throw new DirectoryError("no pinned root for this province");
  if (d.signer?.kid !== root.kid) throw new DirectoryError("signed by another key than the root");
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64Url(d.signature);
  } catch {
    throw new DirectoryError("malformed signature");
  }
  const { signature: _, ...body } = d;
  if (!(await verifyText(root.signing, signedText(body), signature)))
    throw new DirectoryError("the signature does not verify");
  const recoveryKid = await keyId(d.recovery.encryption, undefined);
  if (recoveryKid !== d.recovery.kid) throw new DirectoryError("recovery key id mismatch");
  for (const o of d.offices) {
    if ((await keyId(o.encryption, o.signing)) !== o.kid)
      throw new DirectoryError(`key id mismatch for ${o.id}`);
    if ((await fingerprint(o)) !== o.fingerprint)
      throw new DirectoryError(`fingerprint mismatch for ${o.id}`);
  }
  return d;
}

/** The office's entry and the recovery key: whom an item for this office is sealed to. */
export function recipientsFor(d: KeyDirectory, officeId: string): Recipient[] | undefined {
  const office = d.offices.find((o) => o.id === officeId);
  if (!office) return undefined;
  return [
    { kid: office.kid, role: "office", publicKey: office.encryption },
    { kid: d.recovery.kid, role: "recovery", publicKey: d.recovery.encryption },
  ];
}
