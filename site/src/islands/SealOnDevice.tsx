/**
 * The check page with JavaScript on: the answers are checked with the shared schema, built into
 * the payload the office reads, and sealed on this device (HPKE, site/src/core/domain/crypto/hpke.ts)
 * to the receiving office's key and the province's recovery key, both taken only from the
 * province's key directory after its signature verifies against the pinned root. Only the
 * ciphertext and what routing needs in clear (province, commune, form of treatment) are posted.
 * Without JavaScript the form posts the answers and the Worker seals them (the page says so).
 */
import { useEffect } from "preact/hooks";
import { answersOf, clearErrors, showErrors } from "./registration/page.ts";
import {
  registrationSchema,
  validateRegistration,
  type RawAnswers,
} from "../core/schemas/registration/schema.ts";
import {
  payloadOf,
  payloadSchema,
  registrationFormVersion,
  type RegistrationPayload,
} from "../core/schemas/registration/payload.ts";
import { flagsOf } from "../core/domain/registration/journey.ts";
import { recipientsFor, verifyDirectory, type KeyRoots } from "../core/domain/crypto/directory.ts";
import { sealItem, type ItemEnvelope } from "../core/domain/crypto/hpke.ts";
import { utf8 } from "../core/domain/crypto/encoding.ts";

interface Props {
  lang: string;
  messages: Record<string, string>;
}

/** One envelope per idempotency key: a second click sends the same ciphertext (same receipt). */
const sealed = new Map<string, { envelope: ItemEnvelope; payload: RegistrationPayload }>();

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

async function sealAnswers(
  raw: RawAnswers,
  lang: string,
): Promise<{ envelope: ItemEnvelope; payload: RegistrationPayload }> {
  const key = one(raw.idempotencyKey);
  const cached = sealed.get(key);
  if (cached) return cached;
  const province = one(raw.provinceCode);
  const commune = one(raw.communeCode);
  const result = validateRegistration(
    registrationSchema({
      provinceExists: (code) => code === province,
      provinceOfCommune: (code) => (code === commune ? province : undefined),
    }),
    raw,
  );
  if (!result.ok) throw Object.assign(new Error("invalid"), { issues: result.issues });
  const [roots, doc] = await Promise.all(
    ["roots", province].map((name) =>
      fetch(`/keys/${name}.json`, { credentials: "omit" }).then((r) => {
        if (!r.ok) throw new Error("directory");
        return r.json();
      }),
    ),
  );
  const directory = await verifyDirectory(doc, roots as KeyRoots, province);
  const recipients = recipientsFor(directory, one(raw.sealOffice));
  if (!recipients) throw new Error("office not in the directory");
  // The one payload definition (schemas/registration/payload.ts), as the Worker builds it.
  const payload = payloadSchema.parse(
    payloadOf(result.data, {
      submittedAt: new Date().toISOString(),
      lang,
      communeName: () => one(raw.sealCommuneName),
      provinceName: () => one(raw.sealProvinceName),
      flags: flagsOf(raw),
    }),
  );
  const envelope = await sealItem(
    utf8.encode(JSON.stringify(payload)),
    {
      kind: "registration",
      reference: one(raw.sealReference),
      communeCode: commune,
      formVersion: registrationFormVersion,
    },
    recipients,
  );
  sealed.set(key, { envelope, payload });
  return { envelope, payload };
}

export default function SealOnDevice({ lang, messages }: Props) {
  useEffect(() => {
    const form = document.querySelector<HTMLFormElement>("form[data-step=check]");
    if (!form) return;
    // The seal's reference and office come with the page (no JavaScript drafts) or are fetched by
    // the check island (drafts on the device); without them the Worker seals, and says so.
    const canSeal = () => !!form.querySelector("[name=sealReference]");
    if (canSeal()) document.querySelector("[data-seal-device]")?.removeAttribute("hidden");
    const status = document.querySelector<HTMLElement>("[data-seal-status]");
    let busy = false;
    const say = (key: string | null) => {
      if (status) status.textContent = key ? (messages[key] ?? key) : "";
    };
    const onSubmit = async (event: SubmitEvent) => {
      const submitter = event.submitter as HTMLButtonElement | null;
      if (submitter?.name === "_nav" || submitter?.name === "_change") return; // moving, not sending
      if (!canSeal()) return; // no office for this commune yet: the Worker answers
      event.preventDefault();
      if (busy) return;
      busy = true;
      const button = form.querySelector<HTMLButtonElement>("[data-send]");
      button?.setAttribute("aria-disabled", "true");
      clearErrors(document);
      say("reg.check.sealing");
      const raw = answersOf(form);
      try {
        const { envelope, payload } = await sealAnswers(raw, lang);
        const res = await fetch("/api/registrations", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({
            lang,
            formVersion: one(raw.formVersion),
            idempotencyKey: one(raw.idempotencyKey),
            provinceCode: one(raw.provinceCode),
            communeCode: one(raw.communeCode),
            // In clear for routing and counts (without a stable residence: a public facility).
            treatmentForm: payload.treatmentForm,
            envelope: JSON.stringify(envelope),
            website: one(raw.website),
            "cf-turnstile-response": one(raw["cf-turnstile-response"]),
          }),
        });
        const body = (await res.json().catch(() => ({}))) as {
          receipt?: string;
          fields?: { field: string; message: string }[];
        };
        if (res.ok && body.receipt) {
          say(null);
          window.location.assign(body.receipt);
          return;
        }
        say(null);
        const fieldMessages = Object.fromEntries(
          (body.fields ?? []).map((f) => [`server.${f.field}`, f.message]),
        );
        showErrors(
          document,
          (
            body.fields ?? [{ field: "send", message: messages["reg.error.unavailable"] ?? "" }]
          ).map((f) => ({ field: f.field, key: `server.${f.field}` })),
          { ...messages, ...fieldMessages },
        );
      } catch (error) {
        say(null);
        const issues = (error as { issues?: { field: string; key: string }[] }).issues;
        showErrors(document, issues ?? [{ field: "send", key: "reg.check.sealFailed" }], messages);
      } finally {
        busy = false;
        button?.removeAttribute("aria-disabled");
      }
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [lang, messages]);
  return null;
}
