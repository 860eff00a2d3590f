/**
 * What the office reads once it opens a registration: the normalized answers, only those the
 * procedure needs. Built in the family's browser (sealed there with JavaScript) or in the Worker
 * (without JavaScript), by this one function, so both read the same; and checked against this one
 * schema in the inbox after decryption, on the officer's device (zod/mini keeps islands small).
 */
import * as z from "zod/mini";
import { digitsOnly, normalizePhone, normalizeText, type Registration } from "./schema.ts";
import {
  drugOptions,
  durationOptions,
  methodOptions,
  previousTreatmentOptions,
  sexOptions,
  treatmentFormOptions,
} from "./fields.ts";

/** The form the payload follows: bound into every sealed registration (HPKE info and aad). */
export const registrationFormVersion = "voluntary-registration/working-list-2026";

const text = z.string();

export const registrationPayloadSchema = z.object({
  v: z.literal(1),
  form: text,
  submittedAt: text,
  lang: text,
  person: z.object({
    fullName: text,
    dateOfBirth: text,
    sex: z.enum(sexOptions),
    personalId: text,
    address: z.object({
      detail: text,
      communeCode: text,
      commune: text,
      provinceCode: text,
      province: text,
    }),
    phone: z.nullable(text),
  }),
  /** Only for a child of 12 to under 18: the legal representative. */
  representative: z.nullable(
    z.object({ fullName: text, relationship: text, personalId: text, phone: text }),
  ),
  drugUse: z.object({
    drugs: z.array(z.enum(drugOptions)),
    other: z.nullable(text),
    duration: z.enum(durationOptions),
    methods: z.array(z.enum(methodOptions)),
    previousTreatment: z.array(z.enum(previousTreatmentOptions)),
  }),
  treatmentForm: z.enum(treatmentFormOptions),
  registrant: z.enum(["self", "child"]),
  commitment: z.literal(true),
  consent: z.object({ given: z.literal(true), at: text }),
});

export type RegistrationPayload = z.infer<typeof registrationPayloadSchema>;

export interface PlaceNames {
  commune: string;
  province: string;
}

export function payloadOf(
  r: Registration,
  submittedAt: string,
  lang: string,
  names: PlaceNames,
): RegistrationPayload {
  const child = r.registrant === "child";
  return {
    v: 1,
    form: registrationFormVersion,
    submittedAt,
    lang,
    person: {
      fullName: r.fullName,
      dateOfBirth: r.dateOfBirth,
      sex: r.sex,
      personalId: r.personalId,
      address: {
        detail: r.addressDetail,
        communeCode: r.communeCode,
        commune: names.commune,
        provinceCode: r.provinceCode,
        province: names.province,
      },
      phone: r.phone || null,
    },
    representative: child
      ? {
          fullName: normalizeText(r.repName ?? ""),
          relationship: r.repRelationship ?? "",
          personalId: digitsOnly(r.repPersonalId ?? ""),
          phone: normalizePhone(r.repPhone ?? ""),
        }
      : null,
    drugUse: {
      drugs: r.drugs,
      other: r.drugs.includes("other") ? (r.drugsOther ?? "") : null,
      duration: r.useDuration,
      methods: r.useMethods,
      previousTreatment: r.previousTreatment,
    },
    treatmentForm: r.treatmentForm,
    registrant: r.registrant,
    commitment: true,
    consent: { given: true, at: submittedAt },
  };
}
