/**
 * The audit log is append-only and hash-chained: each entry's hash covers the previous entry's
 * hash and its own fields, so removing, reordering or editing an entry breaks every hash after it.
 * `npm run offices -- audit verify` recomputes the chain and prints its head, which a province
 * keeps (on paper, or with `--expect-head`) to detect a rewritten history.
 *
 * What names a case (the reference, the detail) is not in the chain itself, only a salted digest
 * of it: erasing a case removes the reference, the detail and the salt, and the chain still
 * verifies while nothing left can be linked back to the case.
 */
import { canonicalJson, sha256Hex } from "../crypto/canonical.ts";

export const genesisHash = "0".repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string;
  action: string;
  subjectDigest: string | null;
}

export function subjectDigest(
  salt: string,
  reference: string | null,
  detail: string | null,
): Promise<string> {
  return sha256Hex(canonicalJson(["loi-ve/audit-subject/v1", salt, reference, detail]));
}

export function entryHash(previous: string, e: ChainedFields): Promise<string> {
  return sha256Hex(
    canonicalJson([
      "loi-ve/audit/v1",
      previous,
      e.seq,
      e.at,
      e.actorKind,
      e.actorId,
      e.action,
      e.subjectDigest,
    ]),
  );
}

export interface StoredEntry extends ChainedFields {
  prevHash: string | null;
  hash: string | null;
  reference: string | null;
  detail: string | null;
  subjectSalt: string | null;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** Entries whose case details were erased (the chain still covers them). */
  erased: number;
  head: string;
  problem?: { seq: number; reason: string };
}

/** Recomputes the chain over entries in order of seq (all of them, from the first). */
export async function verifyChain(entries: StoredEntry[]): Promise<ChainReport> {
  let previous = genesisHash;
  let erased = 0;
  let lastSeq = 0;
  for (const e of entries) {
    const fail = (reason: string): ChainReport => ({
      ok: false,
      entries: entries.length,
      erased,
      head: previous,
      problem: { seq: e.seq, reason },
    });
    if (e.seq <= lastSeq) return fail("out of order");
    lastSeq = e.seq;
    if (e.hash === null) return fail("not sealed");
    if (e.prevHash !== previous) return fail("does not follow the entry before it");
    if ((await entryHash(previous, e)) !== e.hash) return fail("altered");
    if (e.subjectSalt === null) {
      if (e.reference !== null || e.detail !== null) return fail("case details without a salt");
      if (e.subjectDigest !== null) erased++;
    } else if ((await subjectDigest(e.subjectSalt, e.reference, e.detail)) !== e.subjectDigest) {
      return fail("case details altered");
    }
    previous = e.hash;
  }
  return { ok: true, entries: entries.length, erased, head: previous };
}

export interface UnsealedEntry extends ChainedFields {
  reference: string | null;
  detail: string | null;
  subjectSalt: string | null;
}

export interface SealUpdate {
  seq: number;
  prevHash: string;
  hash: string;
  subjectSalt: string | null;
  subjectDigest: string | null;
}

export function newSalt(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** What an entry stores besides its case details: a fresh salt and the digest over them. */
export async function subjectFields(
  reference: string | null,
  detail: string | null,
): Promise<{ subjectSalt: string | null; subjectDigest: string | null }> {
  if (reference === null && detail === null) return { subjectSalt: null, subjectDigest: null };
  const subjectSalt = newSalt();
  return { subjectSalt, subjectDigest: await subjectDigest(subjectSalt, reference, detail) };
}

/**
 * Seals entries not yet chained, in order, after the last sealed one. Deterministic for entries
 * written with their digest (every entry the Worker and the tool write), so two sealers running at
 * once compute the same hashes; each update is also conditional on its predecessor's hash.
 */
export async function planSeal(
  previousHash: string | null,
  entries: UnsealedEntry[],
): Promise<SealUpdate[]> {
  let previous = previousHash ?? genesisHash;
  const updates: SealUpdate[] = [];
  for (const e of entries) {
    let { subjectSalt, subjectDigest: digest } = e;
    if (digest === null && (e.reference !== null || e.detail !== null))
      ({ subjectSalt, subjectDigest: digest } = await subjectFields(e.reference, e.detail));
    const hash = await entryHash(previous, { ...e, subjectDigest: digest });
    updates.push({ seq: e.seq, prevHash: previous, hash, subjectSalt, subjectDigest: digest });
    previous = hash;
  }
  return updates;
}
