/**
 * Opening the key file (in this browser only) and signing in: a challenge from the Worker,
 * signed with the office's private signing key. The province's offline key file (recovery key)
 * is refused here: it opens only in the administrator's command-line tool. After sign-in the key
 * is compared with the one published for the office in the province's signed key directory.
 */
import {
  openKeyFile,
  parseKeyFile,
  KeyFileError,
  type KeyFile,
} from "../../core/domain/crypto/keyfile.ts";
import { fingerprint, signText, type PrivateKeys } from "../../core/domain/crypto/keys.ts";
import { verifyDirectory, type KeyRoots } from "../../core/domain/crypto/directory.ts";
import { signInMessage, type Principal } from "../../core/schemas/office.ts";
import { post } from "./api.ts";

export interface Session {
  principal: Principal;
  keys: PrivateKeys[];
  holder: KeyFile["holder"];
  /** The signed-in key's fingerprint, and how it compares with the published directory. */
  fingerprint: string;
  published: "matches" | "mismatch" | "unlisted" | "not-applicable";
}

export class SignInError extends Error {}

async function publishedState(
  provinceCode: string,
  officeId: string,
  key: PrivateKeys,
): Promise<Session["published"]> {
  try {
    const [roots, doc] = await Promise.all(
      ["roots", provinceCode].map((n) =>
        fetch(`/keys/${n}.json`, { credentials: "omit" }).then((r) => r.json()),
      ),
    );
    const d = await verifyDirectory(doc, roots as KeyRoots, provinceCode);
    const entry = d.offices.find((o) => o.id === officeId);
    if (!entry) return "unlisted";
    return entry.kid === key.kid ? "matches" : "mismatch";
  } catch {
    return "mismatch";
  }
}

export async function signIn(fileText: string, passphrase: string): Promise<Session> {
  let file: KeyFile;
  try {
    file = parseKeyFile(fileText);
  } catch {
    throw new SignInError("office.error.notKeyFile");
  }
  if (file.holder.kind === "province-offline" || file.holder.kind === "share")
    throw new SignInError("office.recoveryKeyRefused");
  let keys: PrivateKeys[];
  try {
    keys = (await openKeyFile(file, passphrase)).keys;
  } catch (e) {
    throw new SignInError(
      e instanceof KeyFileError && e.message === "wrong-passphrase"
        ? "office.error.passphrase"
        : "office.error.notKeyFile",
    );
  }
  const current = keys[0]!;
  if (!current.signing) throw new SignInError("office.error.notKeyFile");
  const { nonce } = await post<{ nonce: string }>("/challenge");
  const message = signInMessage(file.holder.kind, file.holder.id, nonce);
  let principal: Principal;
  try {
    ({ principal } = await post<{ principal: Principal }>("/session", {
      kind: file.holder.kind,
      id: file.holder.id,
      kid: current.kid,
      nonce,
      signature: await signText(current.signing, message),
    }));
  } catch {
    throw new SignInError("office.error.signIn");
  }
  const pub = (k?: JsonWebKey) => (k ? { kty: k.kty, crv: k.crv, x: k.x, y: k.y } : undefined);
  return {
    principal,
    keys,
    holder: file.holder,
    fingerprint: await fingerprint({
      encryption: pub(current.encryption),
      signing: pub(current.signing),
    }),
    published:
      file.holder.kind === "office"
        ? await publishedState(principal.provinceCode, principal.id, current)
        : "not-applicable",
  };
}
