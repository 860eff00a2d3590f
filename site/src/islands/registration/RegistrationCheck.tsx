/**
 * Check your answers, with JavaScript: the page the Worker fills without JavaScript, filled here
 * from the answers on the device. "Change" opens the step and comes back; "Confirm and send"
 * posts the answers to the Worker, the first time anything leaves the device.
 */
import { useEffect } from "preact/hooks";
import { allFields, steps } from "../../core/schemas/registration/fields.ts";
import {
  durationMonths,
  flagsOf,
  previousStepId,
  checkStep,
} from "../../core/domain/registration/journey.ts";
import { checkRows, displayRow } from "../../core/domain/registration/display.ts";
import { list, one } from "../../core/schemas/registration/normalize.ts";
import { clearDraft, readDraft, writeDraft } from "./device-draft.ts";
import { applyConditions, communesOf, interpolate, markReady, setSlot, stepPath } from "./page.ts";

interface Props {
  lang: string;
  labels: Record<string, string>;
  onlineSources: Record<string, string>;
}

export default function RegistrationCheck({ lang, labels, onlineSources }: Props) {
  useEffect(() => {
    const form = document.querySelector<HTMLFormElement>("form[data-form]");
    if (!form) return;
    const restart = document.querySelector<HTMLFormElement>("form[data-restart]");
    restart?.addEventListener("submit", () => clearDraft());
    const draft = readDraft();
    const answers = draft.answers;
    const empty = Object.keys(answers).length === 0;
    // Filled by the Worker from its sealed draft (a journey begun without JavaScript): leave it.
    if (document.documentElement.hasAttribute("data-server-draft")) return markReady(document);
    document
      .querySelectorAll<HTMLElement>("[data-toggle=noDraft]")
      .forEach((el) => (el.hidden = !empty));
    document
      .querySelectorAll<HTMLElement>("[data-toggle=content]")
      .forEach((el) => (el.hidden = empty));
    if (empty) return markReady(document);

    const flags = flagsOf(answers, { acceptsOnline: (code) => code in onlineSources });
    const answered: Record<string, boolean> = {};
    for (const f of allFields) {
      const value =
        f.kind === "date" ? one(answers[`${f.name}-year`]) : list(answers[f.name]).join("");
      answered[`has:${f.name}`] = value.trim() !== "";
    }
    applyConditions(document, flags, answered);
    const t = (key: string) => labels[key] ?? key;
    setSlot(
      document,
      "durationYours",
      interpolate(t("reg.notice.durationYours"), { months: durationMonths(flags) }),
    );
    const province = one(answers.provinceCode);
    if (onlineSources[province])
      setSlot(
        document,
        "routeSource",
        interpolate(t("reg.route.source"), { source: onlineSources[province]! }),
      );

    const fill = (names: { province?: string; commune?: (code: string) => string | undefined }) => {
      for (const row of steps.flatMap(checkRows))
        setSlot(
          document,
          `answer-${row.key}`,
          displayRow(row, answers, t, {
            province: () => names.province,
            commune: (code) => names.commune?.(code),
          }) || t("reg.check.notProvided"),
        );
    };
    fill({});
    const named = communesOf(province).then((found) => {
      if (found)
        fill({
          province: found.province.name,
          commune: (code) => found.communes.find((c) => c.code === code)?.name,
        });
    });

    // The answers travel with the send button's form, as the Worker's page carries them.
    const known = new Set(
      allFields.flatMap((f) =>
        f.kind === "date" ? [`${f.name}-day`, `${f.name}-month`, `${f.name}-year`] : [f.name],
      ),
    );
    form.querySelectorAll<HTMLInputElement>("input[type=hidden]").forEach((input) => {
      if (known.has(input.name) || input.name === "idempotencyKey") input.remove();
    });
    draft.idempotencyKey ??= crypto.randomUUID();
    writeDraft(draft);
    const hidden = (name: string, value: string) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.prepend(input);
    };
    for (const [name, value] of Object.entries(answers))
      if (known.has(name)) for (const v of list(value)) hidden(name, v);
    hidden("idempotencyKey", draft.idempotencyKey);
    // Sealing on the device needs the reference and office the Worker derives (seal-info.ts).
    const sealing = fetch("/api/registrations/seal", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        idempotencyKey: draft.idempotencyKey,
        provinceCode: province,
        communeCode: one(answers.communeCode),
      }),
    })
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : undefined))
      .then((info) => {
        if (!info) return;
        for (const [name, value] of Object.entries(info)) hidden(name, value);
        document.querySelector("[data-seal-device]")?.removeAttribute("hidden");
      })
      .catch(() => undefined);
    void Promise.all([named, sealing]).finally(() => markReady(document));

    const onClick = (event: MouseEvent) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[name]");
      if (!button) return;
      if (button.name === "_change") {
        event.preventDefault();
        draft.returnTo = "check";
        writeDraft(draft);
        window.location.assign(stepPath(lang, button.value));
      } else if (button.name === "_nav") {
        event.preventDefault();
        window.location.assign(stepPath(lang, previousStepId(checkStep, answers) ?? "who"));
      }
    };
    form.addEventListener("click", onClick);
    return () => form.removeEventListener("click", onClick);
  }, []);
  return null;
}
