/**
 * Mẫu 20 and Mẫu 33 filled in on the device, from the answers on the device: nothing is sent or
 * stored to print them. Without JavaScript the Worker renders the same forms with the same
 * renderer (site/src/core/domain/registration/print-forms.ts) and stores nothing either.
 */
import { useEffect, useState } from "preact/hooks";
import { flagsOf } from "../../core/domain/registration/journey.ts";
import { renderForms } from "../../core/domain/registration/print-forms.ts";
import { payloadOf } from "../../core/schemas/registration/payload.ts";
import { one } from "../../core/schemas/registration/normalize.ts";
import { readDraft } from "./device-draft.ts";
import { communesOf, markReady } from "./page.ts";

interface Props {
  labels: Record<string, string>;
  printLabel: string;
  /** Set when the label fell back to Vietnamese. */
  printLang?: string;
}

export default function RegistrationPrint({ labels, printLabel, printLang }: Props) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const container = document.querySelector<HTMLElement>("[data-print-forms]");
    const answers = readDraft().answers;
    const empty = Object.keys(answers).length === 0;
    const serverRendered = !!container?.querySelector(".official-form");
    const noDraft = (shown: boolean) =>
      document
        .querySelectorAll<HTMLElement>("[data-toggle=noDraft]")
        .forEach((el) => (el.hidden = !shown));
    if (empty || !container) {
      // Nothing on the device: the Worker may have rendered the forms (a journey without JavaScript).
      noDraft(!serverRendered);
      setReady(serverRendered);
      return markReady(document);
    }
    void communesOf(one(answers.provinceCode))
      .then((found) => {
        const payload = payloadOf(answers, {
          submittedAt: new Date().toISOString(),
          lang: document.documentElement.lang,
          communeName: (code) => found?.communes.find((c) => c.code === code)?.name ?? "",
          provinceName: () => found?.province.name ?? "",
          flags: flagsOf(answers),
        });
        container.innerHTML = renderForms(payload, { vi: (key) => labels[key] ?? key });
        noDraft(false);
        setReady(true);
      })
      .finally(() => markReady(document));
  }, []);
  if (!ready) return null;
  return (
    <button
      type="button"
      class="no-print"
      lang={printLang}
      onClick={() => window.print()}
      data-print-button
    >
      {printLabel}
    </button>
  );
}
