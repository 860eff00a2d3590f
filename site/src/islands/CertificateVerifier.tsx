/**
 * Checks a certificate on the device, offline once the page is loaded: the same verification
 * (site/src/core/domain/certificates/certificate.ts) with the public key this build ships in the page.
 * It renders nothing of its own: it fills the page's result blocks, which the Worker fills the
 * same way when the form is sent without JavaScript.
 */
import { useEffect } from "preact/hooks";
import {
  verifyCertificate,
  type CertificateTrust,
} from "../core/domain/certificates/certificate.ts";
import { lawVersions, type CatalogModule } from "../core/domain/training/catalog.ts";
import { verifyView, type VerifyLabels } from "../core/domain/training/verify-view.ts";

interface Props {
  formId: string;
  lang: string;
  trust: CertificateTrust;
  modules: Record<string, Pick<CatalogModule, "law" | "title">>;
  sourceNames: Record<string, Record<string, string>>;
  labels: VerifyLabels & { missing: string };
}

export default function CertificateVerifier({
  formId,
  lang,
  trust,
  modules,
  sourceNames,
  labels,
}: Props) {
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const region = document.querySelector<HTMLElement>("[data-verify-result]")!;
    const summary = document.querySelector<HTMLElement>("[data-error-summary]");
    const onSubmit = async (e: SubmitEvent) => {
      e.preventDefault();
      const code = (new FormData(form).get("certificate") ?? "").toString();
      if (summary) summary.hidden = true;
      if (code.trim() === "") {
        if (summary) {
          summary.querySelector("ul")!.innerHTML = "";
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = "#certificate";
          a.textContent = labels.missing;
          li.append(a);
          summary.querySelector("ul")!.append(li);
          summary.hidden = false;
          summary.focus();
        }
        region.hidden = true;
        return;
      }
      const result = await verifyCertificate(
        code,
        trust,
        lawVersions({ modules: modules as never }),
      );
      const view = verifyView(result, lang, { modules: modules as never, sourceNames }, labels);
      for (const el of region.querySelectorAll<HTMLElement>("[data-show-when]")) {
        const flag = el.dataset.showWhen!;
        const negate = flag.startsWith("!");
        const on = view.flags[negate ? flag.slice(1) : flag] ?? false;
        el.hidden = negate ? on : !on;
      }
      for (const el of region.querySelectorAll<HTMLElement>("[data-slot]"))
        el.textContent = view.slots[el.dataset.slot!] ?? "";
      region.hidden = false;
      region.focus();
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, []);
  return null;
}
