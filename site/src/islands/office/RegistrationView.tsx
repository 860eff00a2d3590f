/**
 * One registration, opened on this device (HPKE, with the context of the stored record): shown on
 * screen, printable as the form (A4), its status and message for the family updated, its identity
 * marked as checked once the officer has seen the person, and erasable at once (Law 91). A
 * ciphertext that fails to open is reported as tampered, never shown.
 */
import { useEffect, useState } from "preact/hooks";
import { DecryptionError, openItem } from "../../core/domain/crypto/hpke.ts";
import { utf8 } from "../../core/domain/crypto/encoding.ts";
import { formatReference } from "../../core/domain/registration/reference.ts";
import { formatDate } from "../../core/format/dates.ts";
import type { Translate } from "../../core/format/interpolate.ts";
import type { Session } from "./sign-in.ts";
import { get, post, ApiError, SessionEnded } from "./api.ts";
import {
  registrationStatuses,
  type InboxEntry,
  type OpenedRegistration,
} from "../../core/schemas/office.ts";
import {
  payloadSchema,
  type RegistrationPayload,
} from "../../core/schemas/registration/payload.ts";
import { renderForms } from "../../core/domain/registration/print-forms.ts";

/** A registration of the previous field list (before Mẫu 20/33): shown as it was stored. */
type OldPayload = Record<string, unknown> & { v: 1 };
type Payload = RegistrationPayload | OldPayload;

/**
 * Opens on this device, with the context of the stored record, and checks the result against the
 * payload contract: a ciphertext that fails to open was altered; one that opens to another shape
 * cannot be read (registrations of the earlier field list are shown as they were stored).
 */
async function decryptRegistration(
  session: Session,
  stored: OpenedRegistration,
): Promise<Payload | "no-key" | "tampered" | "legacy" | "unreadable"> {
  const envelope = stored.envelope!;
  if ((envelope as { v?: number }).v !== 2) return "legacy";
  const key = session.keys.find((k) => envelope.recipients.some((r) => r.kid === k.kid));
  if (!key?.encryption) return "no-key";
  let plaintext: Uint8Array;
  try {
    plaintext = await openItem(
      envelope,
      {
        kind: stored.kind,
        reference: stored.reference,
        communeCode: stored.commune_code,
        formVersion: stored.form_version,
      },
      key.kid,
      key.encryption,
    );
  } catch (e) {
    if (e instanceof DecryptionError) return "tampered";
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(plaintext));
  } catch {
    return "unreadable";
  }
  if ((value as { v?: unknown } | null)?.v === 1) return value as OldPayload;
  const parsed = payloadSchema.safeParse(value);
  return parsed.success ? parsed.data : "unreadable";
}

function Rows({ rows }: { rows: [string, string][] }) {
  return (
    <dl class="summary-list">
      {rows.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The answers of a payload before Mẫu 20/33 (v1), flattened: nothing is lost in the switch. */
function flatten(value: unknown, path = ""): [string, string][] {
  if (value === null || value === undefined) return [[path, ""]];
  if (Array.isArray(value)) return [[path, value.join("; ")]];
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flatten(v, path ? `${path}.${k}` : k),
    );
  return [[path, String(value)]];
}

/** What the officer reads first: who, how to reach them, and what the family was warned about. */
function Summary({ p, t }: { p: RegistrationPayload; t: Translate }) {
  const a = p.person.address;
  return (
    <>
      {(p.warnings.idBirthYear || p.warnings.determinationOld) && (
        <div class="notice notice--warn" data-warnings>
          {p.warnings.idBirthYear && <p>{t("reg.officer.idWarning")}</p>}
          {p.warnings.determinationOld && <p>{t("reg.officer.determinationOld")}</p>}
        </div>
      )}
      <h3>{t("office.person")}</h3>
      <Rows
        rows={[
          [t("reg.fullName.label"), p.person.fullName],
          [t("reg.dateOfBirth.label"), formatDate(p.person.dateOfBirth)],
          [t("reg.sex.label"), t(`reg.sex.option.${p.person.sex}`)],
          [t("reg.personalId.label"), p.person.id.personalId],
          [t("office.address"), [a.detail, a.commune, a.province].filter(Boolean).join(", ")],
          [t("reg.phone.label"), p.person.phone ?? ""],
          [t("reg.treatmentForm.label"), t(`reg.treatmentForm.option.${p.treatmentForm}`)],
        ]}
      />
      {p.writer && (
        <>
          <h3>{t("office.representative")}</h3>
          <Rows
            rows={[
              [t("reg.repName.label"), p.writer.fullName],
              [
                t("reg.repRelationship.label"),
                t(`reg.repRelationship.option.${p.writer.relationship}`),
              ],
              [t("reg.repPersonalId.label"), p.writer.id.personalId],
              [t("reg.repPhone.label"), p.writer.phone],
            ]}
          />
        </>
      )}
    </>
  );
}

export function RegistrationView({
  session,
  listed,
  t,
  printLabels,
  onBack,
  onSessionEnded,
}: {
  session: Session;
  listed: InboxEntry;
  t: Translate;
  /** Vietnamese option labels for the printed forms (print-forms.ts printLabelKeys). */
  printLabels: Record<string, string>;
  onBack: () => void;
  onSessionEnded: () => void;
}) {
  const [state, setState] = useState<
    { kind: "loading" } | { kind: "shown"; p: Payload } | { kind: "problem"; key: string }
  >({ kind: "loading" });
  const [status, setStatus] = useState<string>(listed.status);
  const [message, setMessage] = useState(listed.status_message ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stored, setStored] = useState<OpenedRegistration | null>(null);
  const [erased, setErased] = useState(false);
  const [eraseError, setEraseError] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      const { registration } = await get<{ registration: OpenedRegistration }>(
        `/registrations/${listed.reference}`,
      );
      setStored(registration);
      if (!registration.envelope) return setState({ kind: "problem", key: "office.purged" });
      const result = await decryptRegistration(session, registration);
      if (result === "legacy") return setState({ kind: "problem", key: "office.legacyFormat" });
      if (result === "unreadable") return setState({ kind: "problem", key: "office.unreadable" });
      if (result === "tampered") {
        await post(`/registrations/${listed.reference}/events`, {
          event: "decryption-failed",
        }).catch(() => undefined);
        return setState({ kind: "problem", key: "office.tampered" });
      }
      setState(
        result === "no-key"
          ? { kind: "problem", key: "office.noKey" }
          : { kind: "shown", p: result },
      );
    })().catch((e) =>
      e instanceof SessionEnded
        ? onSessionEnded()
        : setState({ kind: "problem", key: "office.error.network" }),
    );
  }, [listed.reference]);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await post<{ updatedAt: string }>(`/registrations/${listed.reference}/status`, {
        status,
        message,
      });
      setSaved(
        new Date(res.updatedAt).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }),
      );
    } catch (err) {
      if (err instanceof ApiError)
        setError(
          String(
            (err.body.issues as { key: string }[] | undefined)?.[0]?.key ?? "office.error.network",
          ),
        );
      else if (err instanceof SessionEnded) onSessionEnded();
      else setError("office.error.network");
    }
  };

  const markIdentity = async () => {
    try {
      const res = await post<{ identityCheckedAt: string }>(
        `/registrations/${listed.reference}/identity`,
      );
      setStored((s) => (s ? { ...s, identity_checked_at: res.identityCheckedAt } : s));
    } catch (err) {
      if (err instanceof SessionEnded) onSessionEnded();
      else setError("office.error.network");
    }
  };

  const erase = async (e: Event) => {
    e.preventDefault();
    const confirm = (
      (e.currentTarget as HTMLFormElement).elements.namedItem("erase-confirm") as HTMLInputElement
    ).value;
    setEraseError(null);
    try {
      await post(`/registrations/${listed.reference}/erase`, { confirm });
      setErased(true);
    } catch (err) {
      if (err instanceof SessionEnded) onSessionEnded();
      else if (err instanceof ApiError)
        setEraseError(String(err.body.key ?? "office.error.network"));
      else setEraseError("office.error.network");
    }
  };

  if (erased)
    return (
      <section aria-labelledby="registration-heading">
        <h2 id="registration-heading">{t("office.erase.heading")}</h2>
        <p role="status" data-erased>
          {t("office.erase.done")}
        </p>
        <p>
          <button type="button" class="button--link" onClick={onBack}>
            {t("office.back")}
          </button>
        </p>
      </section>
    );

  const print = async () => {
    await post(`/registrations/${listed.reference}/events`, { event: "print" }).catch(
      () => undefined,
    );
    document.documentElement.classList.add("printing-form");
    const done = () => {
      document.documentElement.classList.remove("printing-form");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };

  return (
    <section aria-labelledby="registration-heading">
      <p class="office-screen">
        <button type="button" class="button--link" onClick={onBack}>
          {t("office.back")}
        </button>
      </p>
      <h2 id="registration-heading" class="office-screen">
        {t("office.col.reference")}: {formatReference(listed.reference)}
      </h2>
      {stored && (
        <p class="office-screen meta" data-provenance>
          {t(stored.sealed_on === "device" ? "office.sealedOnDevice" : "office.sealedOnServer")} ·{" "}
          {stored.identity_checked_at ? (
            t("office.identityChecked")
          ) : (
            <>
              <strong data-online-unchecked>{t("office.onlineUnchecked")}</strong>{" "}
              <button type="button" class="button--link" onClick={markIdentity}>
                {t("office.markIdentityChecked")}
              </button>
            </>
          )}
        </p>
      )}
      {state.kind === "loading" && <p role="status">{t("office.decrypting")}</p>}
      {state.kind === "problem" && (
        <div class="notice notice--danger" role="alert" data-problem={state.key}>
          <p>{t(state.key)}</p>
        </div>
      )}
      {state.kind === "shown" && (
        <>
          <div class="office-screen" data-decrypted>
            {state.p.v === 2 ? (
              <Summary p={state.p as RegistrationPayload} t={t} />
            ) : (
              <Rows rows={flatten(state.p)} />
            )}
            <p>
              <button type="button" class="button--secondary" onClick={print}>
                {t("office.print")}
              </button>
            </p>
          </div>
          {state.p.v === 2 && (
            <div
              class="office-print"
              // Trusted: print-forms.ts escapes every answer.
              dangerouslySetInnerHTML={{
                __html: renderForms(state.p as RegistrationPayload, {
                  vi: (key) => printLabels[key] ?? key,
                  reference: formatReference(listed.reference),
                }),
              }}
            />
          )}
        </>
      )}
      <form class="office-screen" onSubmit={save} noValidate>
        <h3>{t("office.statusHeading")}</h3>
        {error && (
          <div class="error-summary" role="alert">
            <p>
              <a href="#office-message">{t(error)}</a>
            </p>
          </div>
        )}
        <div class="form-group">
          <label for="office-status">{t("office.statusLabel")}</label>
          <select
            id="office-status"
            value={status}
            onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
          >
            {registrationStatuses.map((s) => (
              <option value={s}>{t(`reg.status.value.${s}`)}</option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label for="office-message">{t("office.messageLabel")}</label>
          <p class="hint" id="office-message-hint">
            {t("office.messageHint")}
          </p>
          <textarea
            id="office-message"
            rows={3}
            aria-describedby="office-message-hint"
            value={message}
            onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)}
          />
        </div>
        <button type="submit">{t("office.save")}</button>
        {saved && (
          <p role="status" data-saved>
            {t("office.saved", { time: saved })}
          </p>
        )}
      </form>
      <form class="office-screen" onSubmit={erase} noValidate data-erase>
        <h3>{t("office.erase.heading")}</h3>
        <p>{t("office.erase.intro")}</p>
        {eraseError && (
          <div class="error-summary" role="alert">
            <p>
              <a href="#erase-confirm">{t(eraseError)}</a>
            </p>
          </div>
        )}
        <div class="form-group">
          <label for="erase-confirm">{t("office.erase.confirmLabel")}</label>
          <input
            id="erase-confirm"
            name="erase-confirm"
            type="text"
            autocomplete="off"
            spellcheck={false}
          />
        </div>
        <button type="submit" class="button--warning">
          {t("office.erase.button")}
        </button>
      </form>
    </section>
  );
}
