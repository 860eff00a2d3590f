/**
 * The draft of the journey with JavaScript: on this device only, in this tab's session storage,
 * for at most 2 hours (like the sealed cookie without JavaScript). Nothing reaches the server
 * until the family sends or asks the server for nothing at all (printing happens here too).
 * Deleted on sending (the receipt page clears it) and on "start again".
 */
import { formVersion } from "../../core/schemas/registration/fields.ts";
import type { RawAnswers } from "../../core/schemas/registration/normalize.ts";

const storageKey = "loi-ve.registration-draft";
export const draftMaxAgeMs = 2 * 60 * 60 * 1000;

export interface DeviceDraft {
  version: string;
  savedAt: number;
  answers: RawAnswers;
  /** Set by "Change" on the check page: after the step, go back there. */
  returnTo?: "check";
  /** One per check page visit, kept so a retried send makes one registration. */
  idempotencyKey?: string;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage blocked: the journey still works, step by step
  }
}

export function readDraft(now = Date.now()): DeviceDraft {
  const empty: DeviceDraft = { version: formVersion, savedAt: now, answers: {} };
  const raw = storage()?.getItem(storageKey);
  if (!raw) return empty;
  try {
    const draft = JSON.parse(raw) as DeviceDraft;
    if (draft.version !== formVersion || now - draft.savedAt > draftMaxAgeMs) {
      clearDraft();
      return empty;
    }
    return draft;
  } catch {
    clearDraft();
    return empty;
  }
}

export function writeDraft(draft: DeviceDraft): void {
  try {
    storage()?.setItem(storageKey, JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch {
    /* storage full or blocked: the answers stay on the page */
  }
}

export function clearDraft(): void {
  storage()?.removeItem(storageKey);
}
