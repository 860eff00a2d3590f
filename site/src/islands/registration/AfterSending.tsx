/**
 * On the receipt: the answers on the device are deleted (the file is sent), and a print button
 * appears (without JavaScript, the page says how to print instead).
 */
import { useEffect, useState } from "preact/hooks";
import { clearDraft } from "./device-draft.ts";
import { markReady } from "./page.ts";

export default function AfterSending({
  printLabel,
  printLang,
}: {
  printLabel: string;
  /** Set when the label fell back to Vietnamese. */
  printLang?: string;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    clearDraft();
    setReady(true);
    markReady(document);
  }, []);
  if (!ready) return null;
  return (
    <p class="no-print">
      <button type="button" lang={printLang} onClick={() => window.print()} data-print-button>
        {printLabel}
      </button>
    </p>
  );
}
