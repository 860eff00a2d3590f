/**
 * The encrypted item: what a registration (and later a question or a message) becomes before it
 * is stored or delivered. RFC 9180 HPKE, base mode, DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM, with @hpke/core on WebCrypto: the same code runs in the family's browser, the
 * Worker (only for people without JavaScript), the office's inbox and the administrator's tool.
 *
 * The content is sealed once to each recipient (the receiving office, and the province's recovery
 * key, so that losing an office key loses nothing). Each seal binds, in HPKE's `info`, the item's
 * kind, reference, commune, form version and the recipient's key id and role; the `aad` binds the
 * same context without the recipient. A ciphertext moved to another record, re-addressed, or
 * altered in any byte fails to open instead of showing wrong data.
 */
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from "@hpke/core";
import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";
import { publicPart } from "./keys.ts";

export const hpkeSuiteName = "DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM";

let suiteInstance: CipherSuite | undefined;
function suite(): CipherSuite {
  suiteInstance ??= new CipherSuite({
    kem: new DhkemP256HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  return suiteInstance;
}

/** What an item is bound to. The opener rebuilds it from the stored record, never from the envelope. */
export interface ItemContext {
  /** "registration" today; issue 19 adds "question" and "message". */
  kind: string;
  reference: string;
  communeCode: string;
  /** The version of the form (the payload schema) the content follows. */
  formVersion: string;
}

export type RecipientRole = "office" | "recovery";

export interface Recipient {
  kid: string;
  role: RecipientRole;
  /** The recipient's public encryption key (JWK, P-256). */
  publicKey: JsonWebKey;
}

export interface SealedFor {
  kid: string;
  role: RecipientRole;
  /** HPKE encapsulated key (65 bytes), base64url. */
  enc: string;
  /** HPKE ciphertext of the content, base64url. */
  ct: string;
}

export interface ItemEnvelope {
  v: 2;
  suite: typeof hpkeSuiteName;
  /** The context the sender says it sealed to (checked by the Worker; opening uses the record's). */
  kind: string;
  reference: string;
  communeCode: string;
  formVersion: string;
  recipients: SealedFor[];
}

export class DecryptionError extends Error {}

const label = "loi-ve/item/v1";

export function itemAad(ctx: ItemContext): Uint8Array<ArrayBuffer> {
  return utf8.encode(
    JSON.stringify([label, ctx.kind, ctx.reference, ctx.communeCode, ctx.formVersion]),
  );
}

export function itemInfo(
  ctx: ItemContext,
  recipient: { kid: string; role: RecipientRole },
): Uint8Array<ArrayBuffer> {
  return utf8.encode(
    JSON.stringify([
      label,
      ctx.kind,
      ctx.reference,
      ctx.communeCode,
      ctx.formVersion,
      recipient.role,
      recipient.kid,
    ]),
  );
}

export function importRecipientPublic(jwk: JsonWebKey): Promise<CryptoKey> {
  return suite().kem.importKey("jwk", publicPart(jwk), true);
}
export function importRecipientPrivate(jwk: JsonWebKey): Promise<CryptoKey> {
  const { kty, crv, x, y, d } = jwk;
  return suite().kem.importKey("jwk", { kty, crv, x, y, d }, false);
}

async function sealTo(
  plaintext: Uint8Array<ArrayBuffer>,
  ctx: ItemContext,
  r: Recipient,
): Promise<SealedFor> {
  // A copy for each seal: WebCrypto may take over the buffer it is given.
  const { ct, enc } = await suite().seal(
    { recipientPublicKey: await importRecipientPublic(r.publicKey), info: itemInfo(ctx, r) },
    plaintext.slice(),
    itemAad(ctx),
  );
  return { kid: r.kid, role: r.role, enc: toBase64Url(enc), ct: toBase64Url(ct) };
}

async function sealEach(
  plaintext: Uint8Array<ArrayBuffer>,
  ctx: ItemContext,
  recipients: Recipient[],
): Promise<SealedFor[]> {
  const out: SealedFor[] = [];
  for (const r of recipients) out.push(await sealTo(plaintext, ctx, r));
  return out;
}

export async function sealItem(
  plaintext: Uint8Array<ArrayBuffer>,
  ctx: ItemContext,
  recipients: Recipient[],
): Promise<ItemEnvelope> {
  if (recipients.length === 0) throw new Error("sealItem: no recipient");
  if (new Set(recipients.map((r) => r.kid)).size !== recipients.length)
    throw new Error("sealItem: a recipient appears twice");
  return {
    v: 2,
    suite: hpkeSuiteName,
    kind: ctx.kind,
    reference: ctx.reference,
    communeCode: ctx.communeCode,
    formVersion: ctx.formVersion,
    recipients: await sealEach(plaintext, ctx, recipients),
  };
}

/** Opens the item with one private key; `ctx` comes from the stored record, not the envelope. */
export async function openItem(
  envelope: ItemEnvelope,
  ctx: ItemContext,
  kid: string,
  privateJwk: JsonWebKey,
): Promise<Uint8Array<ArrayBuffer>> {
  if (envelope?.v !== 2 || envelope.suite !== hpkeSuiteName)
    throw new DecryptionError("unknown envelope format");
  const entry = envelope.recipients.find((r) => r.kid === kid);
  if (!entry) throw new DecryptionError("this key is not a recipient of the item");
  try {
    return new Uint8Array(
      await suite().open(
        {
          recipientKey: await importRecipientPrivate(privateJwk),
          enc: fromBase64Url(entry.enc),
          info: itemInfo(ctx, entry),
        },
        fromBase64Url(entry.ct),
        itemAad(ctx),
      ),
    );
  } catch {
    throw new DecryptionError(
      "the item could not be decrypted: it was altered, or belongs to another record",
    );
  }
}

/**
 * Seals the content again for a new recipient (an office's new key, or a successor office), with
 * a key that can already open it (the province's recovery key, in the administrator's offline
 * tool). Entries of the replaced role are removed.
 */
export async function rewrapItem(
  envelope: ItemEnvelope,
  ctx: ItemContext,
  opener: { kid: string; privateJwk: JsonWebKey },
  recipient: Recipient,
  replaceRole?: RecipientRole,
): Promise<ItemEnvelope> {
  const plaintext = await openItem(envelope, ctx, opener.kid, opener.privateJwk);
  try {
    const sealed = await sealTo(plaintext, ctx, recipient);
    const kept = envelope.recipients.filter(
      (r) => r.kid !== recipient.kid && (!replaceRole || r.role !== replaceRole),
    );
    return { ...envelope, recipients: [...kept, sealed] };
  } finally {
    plaintext.fill(0);
  }
}

/** Checks the shape of an envelope that came from outside (a browser), before anything else. */
export function parseEnvelope(value: unknown): ItemEnvelope | undefined {
  const e = value as Partial<ItemEnvelope> | null;
  if (!e || typeof e !== "object" || e.v !== 2 || e.suite !== hpkeSuiteName) return undefined;
  for (const k of ["kind", "reference", "communeCode", "formVersion"] as const)
    if (typeof e[k] !== "string" || e[k].length > 64) return undefined;
  if (!Array.isArray(e.recipients) || e.recipients.length < 1 || e.recipients.length > 4)
    return undefined;
  for (const r of e.recipients) {
    if (!r || typeof r !== "object") return undefined;
    if (typeof r.kid !== "string" || !/^[A-Za-z0-9_-]{1,32}$/.test(r.kid)) return undefined;
    if (r.role !== "office" && r.role !== "recovery") return undefined;
    if (typeof r.enc !== "string" || !/^[A-Za-z0-9_-]{87}$/.test(r.enc)) return undefined; // 65 bytes
    if (typeof r.ct !== "string" || !/^[A-Za-z0-9_-]{22,}$/.test(r.ct)) return undefined;
  }
  return {
    v: 2,
    suite: hpkeSuiteName,
    kind: e.kind!,
    reference: e.reference!,
    communeCode: e.communeCode!,
    formVersion: e.formVersion!,
    recipients: e.recipients.map(({ kid, role, enc, ct }) => ({ kid, role, enc, ct })),
  };
}
