/**
 * One registration, opened on this device (HPKE, with the context of the stored record): shown on
 * screen, printable as the form (A4), its status and message for the family updated, its identity
 * marked as checked once the officer has seen the person, and erasable at once (Law 91). A
 * ciphertext that fails to open is reported as tampered, never shown.
 */
import { useEffect, useState } from "preact/hooks";
import { DecryptionError, openItem, type ItemEnvelope } from "../../domain/crypto/hpke.ts";
import { utf8 } from "../../domain/crypto/encoding.ts";
import type { Session } from "./sign-in.ts";
import { get, post, ApiError, SessionEnded } from "./api.ts";
import { registrationStatuses } from "../../schemas/office.ts";

export interface Listed {
  reference: string;
  commune_code: string;
  commune_name: string;
  status: string;
  status_message: string | null;
  submitted_at: string;
  due_by: string;
  sealed_on?: "device" | "worker";
  identity_checked_at?: string | null;
}
interface Stored {
  reference: string;
  kind: string;
  commune_code: string;
  form_version: string;
  sealed_on: "device" | "worker";
  identity_checked_at: string | null;
  envelope: ItemEnvelope | null;
}
interface Payload {
  submittedAt: string;
  registrant: string;
  treatmentForm: string;
  person: {
    fullName: string;
    dateOfBirth: string;
    sex: string;
    personalId: string;
    phone: string | null;
    address: { detail: string; commune: string; province: string };
  };
  representative: {
    fullName: string;
    relationship: string;
    personalId: string;
    phone: string;
  } | null;
  drugUse: {
    drugs: string[];
    other: string | null;
    duration: string;
    methods: string[];
    previousTreatment: string[];
  };
}
type Text = (key: string, values?: Record<string, string | number>) => string;
const dmy = (iso: string) => iso.slice(0, 10).split("-").reverse().join("/");
const display = (ref: string) => `${ref.slice(0, 4)}-${ref.slice(4, 8)}-${ref.slice(8)}`;

export async function decryptRegistration(
  session: Session,
  stored: Stored,
): Promise<Payload | "no-key" | "tampered" | "legacy"> {
  const envelope = stored.envelope!;
  if ((envelope as { v?: number }).v !== 2) return "legacy";
  const key = session.keys.find((k) => envelope.recipients.some((r) => r.kid === k.kid));
  if (!key?.encryption) return "no-key";
  try {
    return JSON.parse(
      utf8.decode(
        await openItem(
          envelope,
          {
            kind: stored.kind,
            reference: stored.reference,
            communeCode: stored.commune_code,
            formVersion: stored.form_version,
          },
          key.kid,
          key.encryption,
        ),
      ),
    ) as Payload;
  } catch (e) {
    if (e instanceof DecryptionError) return "tampered";
    throw e;
  }
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

function OfficialForm({
  p,
  reference,
  officeName,
  t,
}: {
  p: Payload;
  reference: string;
  officeName: string;
  t: Text;
}) {
  const opt = (field: string, v: string) => t(`reg.${field}.option.${v}`);
  const list = (field: string, vs: string[]) => vs.map((v) => opt(field, v)).join("; ");
  const lines: [string, string][] = [
    [t("reg.fullName.label"), p.person.fullName],
    [t("reg.dateOfBirth.label"), dmy(p.person.dateOfBirth)],
    [t("reg.sex.label"), opt("sex", p.person.sex)],
    [t("reg.personalId.label"), p.person.personalId],
    [
      t("office.address"),
      `${p.person.address.detail}, ${p.person.address.commune}, ${p.person.address.province}`,
    ],
    [t("reg.phone.label"), p.person.phone ?? ""],
    [
      t("reg.drugs.label"),
      list("drugs", p.drugUse.drugs) + (p.drugUse.other ? `: ${p.drugUse.other}` : ""),
    ],
    [t("reg.useDuration.label"), opt("useDuration", p.drugUse.duration)],
    [t("reg.useMethods.label"), list("useMethods", p.drugUse.methods)],
    [t("reg.previousTreatment.label"), list("previousTreatment", p.drugUse.previousTreatment)],
    [t("reg.treatmentForm.label"), opt("treatmentForm", p.treatmentForm)],
  ];
  if (p.representative)
    lines.push(
      [t("reg.repName.label"), p.representative.fullName],
      [t("reg.repRelationship.label"), opt("repRelationship", p.representative.relationship)],
      [t("reg.repPersonalId.label"), p.representative.personalId],
      [t("reg.repPhone.label"), p.representative.phone],
    );
  return (
    <div class="official-form" lang="vi">
      <p class="form-header">
        <strong>{t("office.form.nation")}</strong>
        <br />
        <strong>{t("office.form.motto")}</strong>
      </p>
      <h2 class="form-title">{t("office.form.title")}</h2>
      <p>{t("office.form.to", { office: officeName })}</p>
      <ol class="form-fields">
        {lines.map(([k, v]) => (
          <li>
            <span>{k}:</span> <strong>{v || "—"}</strong>
          </li>
        ))}
      </ol>
      <p>{t("office.form.commitment")}</p>
      <p class="form-place">
        {t("office.form.place", { commune: p.person.address.commune, date: dmy(p.submittedAt) })}
      </p>
      <div class="form-signatures">
        <p>{t("office.form.received")}</p>
        {p.representative ? (
          <p>{t("office.form.repSignature")}</p>
        ) : (
          <p>{t("office.form.signature")}</p>
        )}
      </div>
      <p class="form-note">{t("office.form.note", { reference: display(reference) })}</p>
    </div>
  );
}

export function RegistrationView({
  session,
  listed,
  t,
  onBack,
  onSessionEnded,
}: {
  session: Session;
  listed: Listed;
  t: Text;
  onBack: () => void;
  onSessionEnded: () => void;
}) {
  const [state, setState] = useState<
    { kind: "loading" } | { kind: "shown"; p: Payload } | { kind: "problem"; key: string }
  >({ kind: "loading" });
  const [status, setStatus] = useState(listed.status);
  const [message, setMessage] = useState(listed.status_message ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stored, setStored] = useState<Stored | null>(null);
  const [erased, setErased] = useState(false);
  const [eraseError, setEraseError] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      const { registration } = await get<{ registration: Stored }>(
        `/registrations/${listed.reference}`,
      );
      setStored(registration);
      if (!registration.envelope) return setState({ kind: "problem", key: "office.purged" });
      const result = await decryptRegistration(session, registration);
      if (result === "legacy") return setState({ kind: "problem", key: "office.legacyFormat" });
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
        {t("office.col.reference")}: {display(listed.reference)}
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
            <h3>{t("office.person")}</h3>
            <Rows
              rows={[
                [t("reg.fullName.label"), state.p.person.fullName],
                [t("reg.dateOfBirth.label"), dmy(state.p.person.dateOfBirth)],
                [t("reg.sex.label"), t(`reg.sex.option.${state.p.person.sex}`)],
                [t("reg.personalId.label"), state.p.person.personalId],
                [
                  t("office.address"),
                  `${state.p.person.address.detail}, ${state.p.person.address.commune}, ${state.p.person.address.province}`,
                ],
                [t("reg.phone.label"), state.p.person.phone ?? ""],
              ]}
            />
            {state.p.representative && (
              <>
                <h3>{t("office.representative")}</h3>
                <Rows
                  rows={[
                    [t("reg.repName.label"), state.p.representative.fullName],
                    [
                      t("reg.repRelationship.label"),
                      t(`reg.repRelationship.option.${state.p.representative.relationship}`),
                    ],
                    [t("reg.repPersonalId.label"), state.p.representative.personalId],
                    [t("reg.repPhone.label"), state.p.representative.phone],
                  ]}
                />
              </>
            )}
            <h3>{t("office.drugUse")}</h3>
            <Rows
              rows={[
                [
                  t("reg.drugs.label"),
                  state.p.drugUse.drugs.map((d) => t(`reg.drugs.option.${d}`)).join("; ") +
                    (state.p.drugUse.other ? `: ${state.p.drugUse.other}` : ""),
                ],
                [
                  t("reg.useDuration.label"),
                  t(`reg.useDuration.option.${state.p.drugUse.duration}`),
                ],
                [
                  t("reg.useMethods.label"),
                  state.p.drugUse.methods.map((d) => t(`reg.useMethods.option.${d}`)).join("; "),
                ],
                [
                  t("reg.previousTreatment.label"),
                  state.p.drugUse.previousTreatment
                    .map((d) => t(`reg.previousTreatment.option.${d}`))
                    .join("; "),
                ],
              ]}
            />
            <h3>{t("office.treatment")}</h3>
            <p>{t(`reg.treatmentForm.option.${state.p.treatmentForm}`)}</p>
            <p>
              <button type="button" class="button--secondary" onClick={print}>
                {t("office.print")}
              </button>
            </p>
          </div>
          <OfficialForm
            p={state.p}
            reference={listed.reference}
            officeName={session.principal.name}
            t={t}
          />
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
