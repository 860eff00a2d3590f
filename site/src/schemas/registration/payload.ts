/**
 * What the office reads once it opens a registration: the normalized answers, only those the
 * procedure needs. Built in the family's browser (sealed there with JavaScript) or in the Worker
 * (without JavaScript), by this one function, so both read the same. Moved here unchanged from
 * the Worker's submit.ts so the check page's island can build it (the journey owns its fields).
 */
import { digitsOnly, normalizePhone, normalizeText, type Registration } from "./schema.ts";

/** The form the payload follows: bound into every sealed registration (HPKE info and aad). */
export const registrationFormVersion = "voluntary-registration/working-list-2026";

export interface PlaceNames {
  commune: string;
  province: string;
}

export function payloadOf(r: Registration, submittedAt: string, lang: string, names: PlaceNames) {
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
          relationship: r.repRelationship,
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

export type RegistrationPayload = ReturnType<typeof payloadOf>;
