/** The signed key directory: it verifies only with the province's pinned root, unaltered. */
import { describe, expect, it } from "vitest";
import { fingerprint, generateKeySet } from "../../site/src/core/domain/crypto/keys.ts";
import {
  recipientsFor,
  rootOf,
  rootsFormat,
  signDirectory,
  verifyDirectory,
  type KeyRoots,
} from "../../site/src/core/domain/crypto/directory.ts";

async function fixture() {
  const root = (await generateKeySet({ signing: true })).privateKeys;
  const recovery = (await generateKeySet({ encryption: true })).publicKeys;
  const office = (await generateKeySet()).publicKeys;
  const roots: KeyRoots = {
    format: rootsFormat,
    provinces: { "11": await rootOf(root.signing!) },
  };
  const directory = await signDirectory(
    {
      provinceCode: "11",
      version: 1,
      issuedAt: "2026-12-01T00:00:00.000Z",
      recovery: {
        kid: recovery.kid,
        fingerprint: await fingerprint(recovery),
        encryption: recovery.encryption!,
      },
      offices: [
        {
          id: "commune-03253",
          communeCode: "03253",
          name: "Xã Tuần Giáo",
          kid: office.kid,
          fingerprint: await fingerprint(office),
          encryption: office.encryption!,
          signing: office.signing!,
        },
      ],
    },
    { kid: roots.provinces["11"]!.kid, signing: root.signing! },
  );
  return { root, roots, directory, office, recovery };
}

describe("key directory", () => {
  it("verifies with the pinned root and names the recipients of an office", async () => {
    const { roots, directory, office, recovery } = await fixture();
    const d = await verifyDirectory(JSON.parse(JSON.stringify(directory)), roots, "11");
    expect(recipientsFor(d, "commune-03253")!.map((r) => [r.role, r.kid])).toEqual([
      ["office", office.kid],
      ["recovery", recovery.kid],
    ]);
    expect(recipientsFor(d, "commune-99999")).toBeUndefined();
    expect(d.offices[0]!.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  });

  it("refuses a key added or swapped after signing", async () => {
    const { roots, directory } = await fixture();
    const rogue = (await generateKeySet()).publicKeys;
    const swapped = {
      ...directory,
      offices: [{ ...directory.offices[0]!, kid: rogue.kid, encryption: rogue.encryption! }],
    };
    await expect(verifyDirectory(swapped, roots, "11")).rejects.toThrow("signature");
  });

  it("refuses another province's directory, an unknown root and a directory signed by another key", async () => {
    const { roots, directory } = await fixture();
    await expect(verifyDirectory(directory, roots, "08")).rejects.toThrow("this province");
    await expect(
      verifyDirectory(directory, { format: rootsFormat, provinces: {} }, "11"),
    ).rejects.toThrow("no pinned root");
    const other = await fixture();
    await expect(verifyDirectory(other.directory, roots, "11")).rejects.toThrow("another key");
  });
});
