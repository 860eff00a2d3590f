/**
 * What the verify page shows for a result, computed the same way by the Worker (no JavaScript)
 * and the verifier island (on the device): which blocks to show, and the text of each slot.
 */
import type { VerifyResult } from "../certificates/certificate.ts";
import { lawVersionParts, type TrainingCatalog } from "./catalog.ts";

export interface VerifyView {
  /** Blocks of the page to show (data-show-when names). */
  flags: Record<string, boolean>;
  /** Text of [data-slot] elements. */
  slots: Record<string, string>;
}

export interface VerifyLabels {
  /** "{texts}, checked {date}" */
  lawVersion: string;
  band: Record<string, string>;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);

export function verifyView(
  result: VerifyResult,
  lang: string,
  catalog: Pick<TrainingCatalog, "modules" | "sourceNames">,
  labels: VerifyLabels,
): VerifyView {
  const genuine = !!result.payload;
  const flags: Record<string, boolean> = {
    checked: true,
    genuine,
    "not-genuine": !genuine,
    [result.status]: true,
  };
  const slots: Record<string, string> = {};
  const p = result.payload;
  if (p) {
    const names = catalog.sourceNames[lang] ?? catalog.sourceNames.vi ?? {};
    const module = catalog.modules[p.module];
    slots.name = p.name;
    slots.module = module?.title[lang] ?? module?.title.vi ?? p.module;
    slots.law = fill(labels.lawVersion, lawVersionParts(p.law, names));
    if (module) slots["current-law"] = fill(labels.lawVersion, lawVersionParts(module.law, names));
    slots.date = p.date.split("-").reverse().join("/");
    slots.band = labels.band[p.band] ?? p.band;
  }
  return { flags, slots };
}
