/**
 * The office inbox API (/api/office/*): what the officer's browser sends (checked with these
 * schemas by the Worker) and what it receives (typed here once, for the Worker and the island).
 */
import { z } from "zod";
import type { ItemEnvelope } from "../domain/crypto/hpke.ts";

// ---- statuses -----------------------------------------------------------------------------

export const registrationStatuses = [
  "received",
  "appointment",
  "more-info",
  "decided",
  "closed",
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Statuses that still wait for a decision (the deadline alerts look at these). */
export const undecidedStatuses: readonly RegistrationStatus[] = [
  "received",
  "appointment",
  "more-info",
];

/** What an office may change on a registration: its status, and a short message for the family. */
export const statusUpdateSchema = z.object({
  status: z.enum(registrationStatuses, { error: "office.error.status" }),
  // Shown to the family on the status page: short, plain text, no health details.
  message: z
    .string()
    .trim()
    .max(300, "office.error.messageLong")
    .refine(
      (m) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/.test(m),
      "office.error.messageCharacters",
    )
    .default(""),
});

// ---- signing in ---------------------------------------------------------------------------

/** Who signs in: a receiving office, or a province's administrator (with the recovery key). */
export interface Principal {
  kind: "office" | "province";
  /** office id, or the province code */
  id: string;
  kid: string;
  provinceCode: string;
  name: string;
}

/** The text the officer's browser signs with the key file's signing key. */
export function signInMessage(kind: string, id: string, nonce: string): string {
  return `loi-ve/sign-in/v1|${kind}|${id}|${nonce}`;
}

/** A signed challenge. Missing parts read as empty: the signature check then refuses them. */
export const signInRequestSchema = z.object({
  kind: z.enum(["office", "province"]),
  id: z.string().catch(""),
  kid: z.string().catch(""),
  nonce: z.string().catch(""),
  signature: z.string().catch(""),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** What the officer's browser reports: the print view was opened, or decryption failed. */
export const officeEventSchema = z.object({ event: z.enum(["print", "decryption-failed"]) });

// ---- the inbox ----------------------------------------------------------------------------

/** A registration as the inbox lists it (GET /registrations). */
export interface InboxEntry {
  reference: string;
  commune_code: string;
  commune_name: string;
  status: RegistrationStatus;
  status_message: string | null;
  submitted_at: string;
  due_by: string;
  first_opened_at: string | null;
  updated_at: string;
  /** Sealed on the family's device (JavaScript), or by the Worker (a form without it). */
  sealed_on: "device" | "worker";
  /** When the officer saw the person and their identity card; null while unchecked. */
  identity_checked_at: string | null;
}

/** One registration, opened (GET /registrations/:reference): its ciphertext, if still kept. */
export interface OpenedRegistration {
  reference: string;
  kind: string;
  commune_code: string;
  province_code: string;
  form_version: string;
  status: RegistrationStatus;
  status_message: string | null;
  submitted_at: string;
  due_by: string;
  sealed_on: "device" | "worker";
  identity_checked_at: string | null;
  /** The sealed registration (site/src/core/domain/crypto/hpke.ts), opened on the device. */
  envelope: ItemEnvelope | null;
}

// ---- the province's figures ---------------------------------------------------------------

/** Counts below this are shown as "<5", never as a number. */
export const suppressBelow = 5;

export interface FiguresCell {
  key: string;
  label: string;
  count: number | null;
  decidedOnTimeShare: number | null;
  suppressed: boolean;
}

export interface Figures {
  provinceCode: string;
  generatedAt: string;
  total: number;
  byCommune: FiguresCell[];
  byMonth: FiguresCell[];
  byTreatmentForm: FiguresCell[];
}
