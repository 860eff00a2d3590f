/**
 * The receiving office's inbox. Signs in with the key file (opened here, never sent), lists the
 * office's registrations and decrypts the one opened, on this device. A provincial
 * administrator's key file opens the province's figures instead. Private keys stay in memory
 * only and are gone on sign-out or when the page closes.
 */
import { useEffect, useState } from "preact/hooks";
import { get, post, SessionEnded } from "./api.ts";
import { signIn, SignInError, type Session } from "./sign-in.ts";
import { RegistrationView } from "./RegistrationView.tsx";
import { Figures } from "./Figures.tsx";
import { Enrol } from "./Enrol.tsx";
import type { InboxEntry } from "../../core/schemas/office.ts";
import { formatDateTime, formatDue } from "../../core/format/dates.ts";
import { translator } from "../../core/format/interpolate.ts";
import { formatReference } from "../../core/domain/registration/reference.ts";

interface Props {
  messages: Record<string, string>;
  /** Vietnamese labels for the printed Mẫu 20 and Mẫu 33. */
  printLabels: Record<string, string>;
}

export default function OfficeInbox({ messages, printLabels }: Props) {
  const t = translator(messages);
  const [ready, setReady] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ field: string; key: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [list, setList] = useState<InboxEntry[] | null>(null);
  const [open, setOpen] = useState<InboxEntry | null>(null);
  useEffect(() => setReady(true), []);

  const ended = () => {
    setSession(null);
    setList(null);
    setOpen(null);
    setNotice("office.error.sessionExpired");
  };
  const load = () =>
    get<{ registrations: InboxEntry[] }>("/registrations")
      .then((r) => setList(r.registrations))
      .catch((e) => (e instanceof SessionEnded ? ended() : setNotice("office.error.network")));
  useEffect(() => {
    if (session?.principal.kind === "office") void load();
  }, [session]);
  useEffect(() => {
    if (errors.length) document.getElementById("office-errors")?.focus();
  }, [errors]);

  if (!ready) return <p>{t("office.noScript")}</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem("keyFile") as HTMLInputElement).files?.[0];
    const passphrase = (form.elements.namedItem("passphrase") as HTMLInputElement).value;
    const found = [
      ...(!file ? [{ field: "keyFile", key: "office.error.noFile" }] : []),
      ...(!passphrase ? [{ field: "passphrase", key: "office.error.noPassphrase" }] : []),
    ];
    setErrors(found);
    setNotice(null);
    if (found.length || !file) return;
    setBusy(true);
    try {
      setSession(await signIn(await file.text(), passphrase));
      (form.elements.namedItem("passphrase") as HTMLInputElement).value = "";
    } catch (err) {
      setErrors([
        {
          field:
            err instanceof SignInError && err.message === "office.error.passphrase"
              ? "passphrase"
              : "keyFile",
          key: err instanceof SignInError ? err.message : "office.error.network",
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  if (!session) {
    return (
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">{t("office.signInHeading")}</h2>
        {notice && (
          <div class="notice notice--warn" role="status">
            <p>{t(notice)}</p>
          </div>
        )}
        {errors.length > 0 && (
          <div class="error-summary" id="office-errors" tabIndex={-1} role="alert">
            <h2>{t("form.errorSummaryTitle")}</h2>
            <ul>
              {errors.map((e) => (
                <li>
                  <a href={`#${e.field}`}>{t(e.key)}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <p>{t("office.signInIntro")}</p>
        <form onSubmit={submit} noValidate>
          <div
            class={`form-group ${errors.some((e) => e.field === "keyFile") ? "form-group--error" : ""}`}
          >
            <label for="keyFile">{t("office.keyFile")}</label>
            <p class="hint" id="keyFile-hint">
              {t("office.keyFileHint")}
            </p>
            <input
              id="keyFile"
              name="keyFile"
              type="file"
              accept=".json,application/json"
              aria-describedby="keyFile-hint"
            />
          </div>
          <div
            class={`form-group ${errors.some((e) => e.field === "passphrase") ? "form-group--error" : ""}`}
          >
            <label for="passphrase">{t("office.passphrase")}</label>
            <p class="hint" id="passphrase-hint">
              {t("office.passphraseHint")}
            </p>
            <input
              id="passphrase"
              name="passphrase"
              type="password"
              autocomplete="current-password"
              spellcheck={false}
              aria-describedby="passphrase-hint"
            />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? t("office.opening") : t("office.signIn")}
          </button>
        </form>
        <p class="meta">{t("office.sessionNote")}</p>
        <Enrol t={t} />
      </section>
    );
  }

  const signOut = async () => {
    await post("/sign-out").catch(() => undefined);
    setSession(null);
    setList(null);
    setOpen(null);
  };
  return (
    <div>
      <p class="office-screen" data-signed-in>
        {t("office.signedInAs", { name: session.holder.name })} ·{" "}
        <button type="button" class="button--link" onClick={signOut}>
          {t("office.signOut")}
        </button>
      </p>
      <p class="office-screen meta" data-fingerprint-state={session.published}>
        {t("office.fingerprint")}: <code data-fingerprint>{session.fingerprint}</code>
        {session.published !== "not-applicable" && (
          <>
            {" "}
            {session.published === "matches" ? (
              t("office.fingerprintMatches")
            ) : (
              <strong>
                {t(
                  session.published === "mismatch"
                    ? "office.fingerprintMismatch"
                    : "office.fingerprintUnlisted",
                )}
              </strong>
            )}
          </>
        )}
      </p>
      {session.principal.kind === "province" ? (
        <Figures t={t} onSessionEnded={ended} />
      ) : open ? (
        <RegistrationView
          session={session}
          listed={open}
          t={t}
          printLabels={printLabels}
          onSessionEnded={ended}
          onBack={() => {
            setOpen(null);
            void load();
          }}
        />
      ) : (
        <section aria-labelledby="inbox-heading">
          <h2 id="inbox-heading">{t("office.inboxHeading")}</h2>
          {list === null ? (
            <p role="status">…</p>
          ) : list.length === 0 ? (
            <p>{t("office.empty")}</p>
          ) : (
            <div class="table-scroll">
              <table data-inbox>
                <thead>
                  <tr>
                    <th scope="col">{t("office.col.reference")}</th>
                    <th scope="col">{t("office.col.commune")}</th>
                    <th scope="col">{t("office.col.submitted")}</th>
                    <th scope="col">{t("office.col.dueBy")}</th>
                    <th scope="col">{t("office.col.status")}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t("office.open")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr data-reference={r.reference}>
                      <td>{formatReference(r.reference)}</td>
                      <td>{r.commune_name}</td>
                      <td>{formatDateTime(r.submitted_at)}</td>
                      <td>{formatDue(r.due_by)}</td>
                      <td>
                        {t(`reg.status.value.${r.status}`)}
                        {!r.identity_checked_at && (
                          <>
                            <br />
                            <span class="meta" data-online-unchecked>
                              {t("office.onlineUnchecked")}
                            </span>
                          </>
                        )}
                      </td>
                      <td>
                        <button type="button" onClick={() => setOpen(r)}>
                          {t("office.open")}
                          <span class="visually-hidden"> {r.reference}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
