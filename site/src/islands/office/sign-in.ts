/**
 * Opening the key file (in this browser only) and signing in: a challenge from the Worker,
 * signed with the office's private signing key.
 */
import {
  openKeyFile,
  parseKeyFile,
  KeyFileError,
  type KeyFile,
} from "../../core/domain/crypto/keyfile.ts";
import { signChallenge, type PrivateKeys } from "../../core/domain/crypto/keys.ts";
import { signInMessage, type Principal } from "../../core/schemas/office.ts";
import { post } from "./api.ts";

export interface Session {
  principal: Principal;
  keys: PrivateKeys[];
  holder: KeyFile["holder"];
}

export class SignInError extends Error {}

export async function signIn(fileText: string, passphrase: string): Promise<Session> {
  let file: KeyFile;
  try {
    file = parseKeyFile(fileText);
  } catch {
    throw new SignInError("office.error.notKeyFile");
  }
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
  const { nonce } = await post<{ nonce: string }>("/challenge");
  const message = signInMessage(file.holder.kind, file.holder.id, nonce);
  try {
    const { principal } = await post<{ principal: Principal }>("/session", {
      kind: file.holder.kind,
      id: file.holder.id,
      kid: current.kid,
      nonce,
      signature: await signChallenge(current.signing, message),
    });
    return { principal, keys, holder: file.holder };
  } catch {
    throw new SignInError("office.error.signIn");
  }
}
