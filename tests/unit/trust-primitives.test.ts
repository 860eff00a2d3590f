/** Status codes, threshold shares of the offline key, and the audit hash chain. */
import { describe, expect, it } from "vitest";
import {
  formatSecretCode,
  isSecretCodeShape,
  newSecretCode,
  normalizeSecretCode,
} from "../../site/src/core/domain/items/secret-code.ts";
import { combineShares, splitUnlockKey } from "../../site/src/core/domain/crypto/shares.ts";
import {
  openKeyFileWithUnlockKey,
  sealKeyFileForShares,
} from "../../site/src/core/domain/crypto/keyfile.ts";
import {
  entryHash,
  genesisHash,
  subjectDigest,
  verifyChain,
  type StoredEntry,
} from "../../site/src/core/domain/audit/chain.ts";

describe("status codes", () => {
  it("are 10 characters of the unambiguous alphabet, random, and forgiving of how they are typed", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newSecretCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
    const code = [...codes][0]!;
    expect(isSecretCodeShape(` ${formatSecretCode(code).toLowerCase()} `)).toBe(true);
    expect(normalizeSecretCode(formatSecretCode(code))).toBe(code);
    expect(isSecretCodeShape("ABCDE-FGHI1")).toBe(false);
    expect(isSecretCodeShape("ABCD")).toBe(false);
  });
});

describe("threshold shares of the offline key file", () => {
  it("2 of 3 holders open it; 1 cannot; shares of two splits never mix", async () => {
    const unlock = crypto.getRandomValues(new Uint8Array(32));
    const shares = await splitUnlockKey(unlock, 3, 2);
    const file = await sealKeyFileForShares(
      { kind: "province-offline", id: "11", name: "Điện Biên", provinceCode: "11" },
      { keys: [{ kid: "k", signing: { kty: "EC" } }] },
      { splitId: shares[0]!.splitId, threshold: 2, total: 3 },
      unlock,
    );
    for (const pair of [
      [0, 1],
      [1, 2],
      [0, 2],
    ]) {
      const key = await combineShares(pair.map((i) => shares[i]!));
      expect((await openKeyFileWithUnlockKey(file, key)).keys[0]!.kid).toBe("k");
    }
    await expect(combineShares([shares[0]!])).rejects.toThrow("2 of 3");
    await expect(combineShares([shares[0]!, shares[0]!])).rejects.toThrow("twice");
    const other = await splitUnlockKey(crypto.getRandomValues(new Uint8Array(32)), 3, 2);
    await expect(combineShares([shares[0]!, other[1]!])).rejects.toThrow("different splits");
    // A share altered by a byte combines to a wrong key, which the key file refuses.
    const bad = { ...shares[1]!, share: shares[1]!.share.slice(0, -2) + "AA" };
    const wrong = await combineShares([shares[0]!, bad]);
    await expect(openKeyFileWithUnlockKey(file, wrong)).rejects.toThrow("wrong-shares");
  });
});

describe("audit hash chain", () => {
  async function chain(n: number): Promise<StoredEntry[]> {
    const out: StoredEntry[] = [];
    let prev = genesisHash;
    for (let i = 1; i <= n; i++) {
      const salt = `salt-${i}`;
      const fields = {
        seq: i,
        at: `2026-12-01T00:00:0${i}.000Z`,
        actorKind: "office",
        actorId: "commune-03253",
        action: "view",
        subjectDigest: await subjectDigest(salt, `REF${i}`, null),
      };
      const hash = await entryHash(prev, fields);
      out.push({
        ...fields,
        prevHash: prev,
        hash,
        reference: `REF${i}`,
        detail: null,
        subjectSalt: salt,
      });
      prev = hash;
    }
    return out;
  }

  it("verifies, and still verifies once a case's details are erased", async () => {
    const entries = await chain(4);
    const report = await verifyChain(entries);
    expect(report).toMatchObject({ ok: true, entries: 4, erased: 0, head: entries[3]!.hash });
    entries[1] = { ...entries[1]!, reference: null, detail: null, subjectSalt: null };
    expect(await verifyChain(entries)).toMatchObject({ ok: true, erased: 1 });
  });

  it.each([
    ["an entry removed", (e: StoredEntry[]) => e.splice(1, 1)],
    ["an action changed", (e: StoredEntry[]) => (e[2] = { ...e[2]!, action: "erase" })],
    ["a reference changed", (e: StoredEntry[]) => (e[0] = { ...e[0]!, reference: "OTHER" })],
    ["two entries swapped", (e: StoredEntry[]) => ([e[1], e[2]] = [e[2]!, e[1]!])],
  ])("detects %s", async (_n, edit) => {
    const entries = await chain(4);
    edit(entries);
    expect((await verifyChain(entries)).ok).toBe(false);
  });
});
