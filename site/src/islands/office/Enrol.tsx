/**
 * An office's first sign-in: with the one-time code from the province, this browser makes the
 * office's key pair, sends only the public halves, saves the key file sealed with a passphrase it
 * shows once, and prints the key handover sheet with the fingerprint the province checks before
 * publishing the key. The province never holds the office's private key.
 */
import { useState } from "preact/hooks";
import { generateKeySet } from "../../core/domain/crypto/keys.ts";
import { newPassphrase, sealKeyFile } from "../../core/domain/crypto/keyfile.ts";
import { post } from "./api.ts";

type Text = (key: string, values?: Record<string, string | number>) => string;

interface Done {
  officeId: string;
  name: string;
  kid: string;
  fingerprint: string;
  passphrase: string;
  file: string;
}

export function Enrol({ t }: { t: Text }) {
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const code = (
      (e.currentTarget as HTMLFormElement).elements.namedItem("enrolCode") as HTMLInputElement
    ).value;
    setError(null);
    setBusy(true);
    try {
      const { publicKeys, privateKeys } = await generateKeySet();
      const office = await post<{
        officeId: string;
        name: string;
        kid: string;
        fingerprint: string;
        provinceCode: string;
        communeCode: string | null;
      }>("/enrolment", { code, encryption: publicKeys.encryption, signing: publicKeys.signing });
      const passphrase = newPassphrase();
      const sealed = await sealKeyFile(
        {
          kind: "office",
          id: office.officeId,
          name: office.name,
          provinceCode: office.provinceCode,
          ...(office.communeCode ? { communeCode: office.communeCode } : {}),
        },
        { keys: [privateKeys] },
        passphrase,
      );
      const file = `${office.officeId}.key.json`;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(
        new Blob([JSON.stringify(sealed, null, 1)], { type: "application/json" }),
      );
      link.download = file;
      link.click();
      setDone({ ...office, passphrase, file });
    } catch {
      setError("office.enrol.error");
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <section aria-labelledby="enrol-done" data-enrolled>
        <h2 id="enrol-done" class="office-screen">
          {t("office.enrol.handoverHeading")}
        </h2>
        <p class="office-screen">{t("office.enrol.saved", { file: done.file })}</p>
        <p class="office-screen">
          {t("office.enrol.passphrase")} <strong data-passphrase>{done.passphrase}</strong>
        </p>
        <div class="handover-sheet">
          <p>{t("office.enrol.handoverIntro")}</p>
          <dl class="summary-list">
            <div>
              <dt>{t("office.enrol.office")}</dt>
              <dd>
                {done.name} ({done.officeId})
              </dd>
            </div>
            <div>
              <dt>{t("office.fingerprint")}</dt>
              <dd>
                <code data-fingerprint>{done.fingerprint}</code>
              </dd>
            </div>
            <div>
              <dt>kid</dt>
              <dd>
                <code>{done.kid}</code>
              </dd>
            </div>
            <div>
              <dt>{new Date().toLocaleDateString("vi-VN")}</dt>
              <dd>……………………</dd>
            </div>
          </dl>
        </div>
        <p class="office-screen">
          <button type="button" class="button--secondary" onClick={() => window.print()}>
            {t("office.enrol.print")}
          </button>
        </p>
      </section>
    );
  return (
    <details class="office-screen" data-enrol>
      <summary>{t("office.enrol.link")}</summary>
      <h2>{t("office.enrol.heading")}</h2>
      <p>{t("office.enrol.intro")}</p>
      {error && (
        <div class="error-summary" role="alert">
          <p>
            <a href="#enrolCode">{t(error)}</a>
          </p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div class={`form-group ${error ? "form-group--error" : ""}`}>
          <label for="enrolCode">{t("office.enrol.code")}</label>
          <p class="hint" id="enrolCode-hint">
            {t("office.enrol.codeHint")}
          </p>
          <input
            id="enrolCode"
            name="enrolCode"
            type="text"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="enrolCode-hint"
          />
        </div>
        <button type="submit" disabled={busy}>
          {t("office.enrol.button")}
        </button>
      </form>
    </details>
  );
}
