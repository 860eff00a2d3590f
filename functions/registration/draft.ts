/**
 * The journey's draft without JavaScript: the answers so far, sealed with a Worker key and kept
 * in the browser as HttpOnly, SameSite=Strict cookies (Secure over https) for at most 2 hours
 * after the last answer. Nothing is stored on the server until the family sends; the draft is
 * deleted on sending and on "start again". The cookie value is AES-256-GCM ciphertext of the
 * deflated answers (key derived with HKDF from the DRAFT_KEY secret), split into chunks below the
 * browsers' 4 KB cookie limit. A draft that does not open (tampered, old key, expired, older form
 * version) is treated as no draft.
 */
import { formVersion } from "../../site/src/core/schemas/registration/fields.ts";
import type { RawAnswers } from "../../site/src/core/schemas/registration/normalize.ts";
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";

export const draftCookie = "lv_draft";
export const draftMaxAgeSeconds = 2 * 60 * 60;
const chunkChars = 3600;
export const maxChunks = 4;

export interface Draft {
  v: string;
  /** When the draft was last saved (ms): it expires 2 hours later. */
  savedAt: number;
  answers: RawAnswers;
  /** The step whose errors the next page shows (post/redirect/get). */
  errorsOn?: string;
  /** Set by "Change" on the check page: after the step, go back there. */
  returnTo?: "check";
  /** Made once on the check page, so a retried send makes one registration. */
  idempotencyKey?: string;
}

export class DraftTooLarge extends Error {}

export function emptyDraft(now = Date.now()): Draft {
  return { v: formVersion, savedAt: now, answers: {} };
}

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string | undefined): Promise<CryptoKey> {
  if (!secret || secret.length < 32) throw new Error("DRAFT_KEY is not set (see README: secrets)");
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", utf8.encode(secret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          {
            name: "HKDF",
            hash: "SHA-256",
            salt: utf8.encode("loi-ve/registration-draft"),
            info: utf8.encode(`v${formVersion}`),
          },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(secret, key);
  }
  return key;
}

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const aad = utf8.encode(`${draftCookie}|${formVersion}`);

/** The sealed value, split into cookie-sized chunks. */
export async function sealDraft(draft: Draft, secret: string | undefined): Promise<string[]> {
  const key = await keyFor(secret);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = await pipe(
    utf8.encode(JSON.stringify(draft)),
    new CompressionStream("deflate-raw"),
  );
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad }, key, plain),
  );
  const all = new Uint8Array(iv.length + sealed.length);
  all.set(iv);
  all.set(sealed, iv.length);
  const text = toBase64Url(all);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkChars) chunks.push(text.slice(i, i + chunkChars));
  if (chunks.length > maxChunks) throw new DraftTooLarge("draft too large");
  return chunks;
}

function cookies(header: string | null | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) map.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return map;
}

/** The draft in the request's cookies, or undefined (none, expired, tampered, another version). */
export async function openDraft(
  cookieHeader: string | null | undefined,
  secret: string | undefined,
  now = Date.now(),
): Promise<Draft | undefined> {
  const jar = cookies(cookieHeader);
  const parts: string[] = [];
  for (let i = 0; i < maxChunks; i++) {
    const part = jar.get(`${draftCookie}${i}`);
    if (part === undefined) break;
    parts.push(part);
  }
  if (parts.length === 0) return undefined;
  const key = await keyFor(secret);
  try {
    const all = fromBase64Url(parts.join(""));
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: all.slice(0, 12), additionalData: aad },
      key,
      all.slice(12),
    );
    const draft = JSON.parse(
      utf8.decode(await pipe(new Uint8Array(plain), new DecompressionStream("deflate-raw"))),
    ) as Draft;
    if (draft.v !== formVersion || now - draft.savedAt > draftMaxAgeSeconds * 1000)
      return undefined;
    return draft;
  } catch {
    return undefined;
  }
}

function attributes(secure: boolean, maxAge: number): string {
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

/** Set-Cookie values that store the sealed chunks and remove any chunk left from a longer draft. */
export function draftCookies(chunks: string[], secure: boolean): string[] {
  const set = chunks.map(
    (c, i) => `${draftCookie}${i}=${c}; ${attributes(secure, draftMaxAgeSeconds)}`,
  );
  for (let i = chunks.length; i < maxChunks; i++)
    set.push(`${draftCookie}${i}=; ${attributes(secure, 0)}`);
  return set;
}

/** Set-Cookie values that delete the draft. */
export function clearDraftCookies(secure: boolean): string[] {
  return draftCookies([], secure);
}
