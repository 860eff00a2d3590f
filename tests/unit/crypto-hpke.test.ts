/**
 * The encrypted item (RFC 9180 HPKE with @hpke/core): it opens with each recipient's key and only
 * with the context it was sealed for; any altered byte, moved record or other key fails.
 */
import { describe, expect, it } from "vitest";
import { CipherSuite, Aes256Gcm, DhkemP256HkdfSha256, HkdfSha256 } from "@hpke/core";
import { generateKeySet } from "../../site/src/core/domain/crypto/keys.ts";
import {
  DecryptionError,
  itemAad,
  itemInfo,
  openItem,
  parseEnvelope,
  rewrapItem,
  sealItem,
  type ItemContext,
} from "../../site/src/core/domain/crypto/hpke.ts";
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";

const ctx: ItemContext = {
  kind: "registration",
  reference: "K7QM3WXP9TA",
  communeCode: "03253",
  formVersion: "registration/test",
};
const secret = '{"fullName":"Lò Văn Ún","drugs":["opioids"]}';

async function setup() {
  const office = (await generateKeySet()).privateKeys;
  const recovery = (await generateKeySet({ encryption: true })).privateKeys;
  const envelope = await sealItem(utf8.encode(secret), ctx, [
    { kid: office.kid, role: "office", publicKey: office.encryption! },
    { kid: recovery.kid, role: "recovery", publicKey: recovery.encryption! },
  ]);
  return { office, recovery, envelope };
}

describe("HPKE items", () => {
  it("open with the office key and with the recovery key, and carry no plaintext", async () => {
    const { office, recovery, envelope } = await setup();
    expect(envelope.suite).toBe("DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM");
    expect(JSON.stringify(envelope)).not.toContain("Lò");
    expect(fromBase64Url(envelope.recipients[0]!.enc).length).toBe(65);
    for (const k of [office, recovery])
      expect(utf8.decode(await openItem(envelope, ctx, k.kid, k.encryption!))).toBe(secret);
  });

  it("is standard HPKE: a plain @hpke/core recipient context opens it with the same info and aad", async () => {
    const { office, envelope } = await setup();
    const suite = new CipherSuite({
      kem: new DhkemP256HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes256Gcm(),
    });
    const entry = envelope.recipients.find((r) => r.role === "office")!;
    const plain = await suite.open(
      {
        recipientKey: await suite.kem.importKey("jwk", office.encryption!, false),
        enc: fromBase64Url(entry.enc),
        info: itemInfo(ctx, entry),
      },
      fromBase64Url(entry.ct),
      itemAad(ctx),
    );
    expect(utf8.decode(plain)).toBe(secret);
  });

  it.each([
    ["another reference", { reference: "K7QM3WXP9TB" }],
    ["another commune", { communeCode: "02536" }],
    ["another form version", { formVersion: "registration/other" }],
    ["another kind", { kind: "question" }],
  ])("refuses to open for %s", async (_n, change) => {
    const { office, envelope } = await setup();
    await expect(
      openItem(envelope, { ...ctx, ...change }, office.kid, office.encryption!),
    ).rejects.toBeInstanceOf(DecryptionError);
  });

  it("refuses a tampered ciphertext, a swapped encapsulated key and a key that is not a recipient", async () => {
    const { office, recovery, envelope } = await setup();
    const bytes = fromBase64Url(envelope.recipients[0]!.ct);
    bytes[5] = bytes[5]! ^ 1;
    const tampered = {
      ...envelope,
      recipients: [{ ...envelope.recipients[0]!, ct: toBase64Url(bytes) }],
    };
    await expect(openItem(tampered, ctx, office.kid, office.encryption!)).rejects.toThrow(
      DecryptionError,
    );
    // The office's entry relabelled as the recovery key's: the info no longer matches.
    const relabelled = {
      ...envelope,
      recipients: [{ ...envelope.recipients[0]!, kid: recovery.kid }],
    };
    await expect(openItem(relabelled, ctx, recovery.kid, recovery.encryption!)).rejects.toThrow(
      DecryptionError,
    );
    const stranger = (await generateKeySet()).privateKeys;
    await expect(openItem(envelope, ctx, stranger.kid, stranger.encryption!)).rejects.toThrow(
      "not a recipient",
    );
  });

  it("re-wraps to a new office key with the recovery key; the old office key no longer opens it", async () => {
    const { office, recovery, envelope } = await setup();
    const successor = (await generateKeySet()).privateKeys;
    const rewrapped = await rewrapItem(
      envelope,
      ctx,
      { kid: recovery.kid, privateJwk: recovery.encryption! },
      { kid: successor.kid, role: "office", publicKey: successor.encryption! },
      "office",
    );
    expect(rewrapped.recipients.map((r) => r.role).sort()).toEqual(["office", "recovery"]);
    expect(utf8.decode(await openItem(rewrapped, ctx, successor.kid, successor.encryption!))).toBe(
      secret,
    );
    await expect(openItem(rewrapped, ctx, office.kid, office.encryption!)).rejects.toThrow();
  });

  it("parseEnvelope accepts what sealItem writes and refuses other shapes", async () => {
    const { envelope } = await setup();
    expect(parseEnvelope(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
    expect(parseEnvelope({ ...envelope, v: 1 })).toBeUndefined();
    expect(parseEnvelope({ ...envelope, recipients: [] })).toBeUndefined();
    expect(
      parseEnvelope({ ...envelope, recipients: [{ ...envelope.recipients[0], enc: "x" }] }),
    ).toBeUndefined();
    expect(parseEnvelope("not an envelope")).toBeUndefined();
  });
});
