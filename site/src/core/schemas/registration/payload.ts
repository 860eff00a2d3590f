/**
 * THE PAYLOAD: what the receiving office reads once the registration is decrypted, in one zod
 * schema. The Worker encrypts exactly this (checked with `payloadSchema` before encryption), the
 * office inbox decrypts and prints it, and the family's print view renders the same shape from
 * answers that are never stored. Whoever changes the encryption (HPKE on the device) encrypts
 * this object; whoever reads it checks `v`.
 *
 * It holds the normalized answers of Mẫu 20 and Mẫu 33 (site/src/core/schemas/registration/fields.ts),
 * the routing facts, and the warnings the family saw (so the officer sees them too).
 */
import * as z from "zod/mini";
import {
  drugOptions,
  methodOptions,
  payloadVersion,
  recordOptions,
  relationshipOptions,
  sexOptions,
  substitutionOptions,
  treatmentFormOptions,
} from "./fields.ts";
import type { Registration } from "./schema.ts";
import {
  dateValue,
  digitsOnly,
  list,
  normalizeLines,
  normalizePhone,
  normalizeText,
  one,
  parseCount,
  type RawAnswers,
} from "./normalize.ts";
import { flagsOf, type Flags } from "../../domain/registration/journey.ts";

/**
 * The form the payload follows, bound into every sealed registration (HPKE info and aad, checked
 * by the Worker): registrations of the earlier working list carry their own value and stay readable.
 */
export const registrationFormVersion = "decree-163-2026/mau-20+mau-33";

const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const optionalDate = () => z.nullable(isoDate());
const text = () => z.string();

const idCard = z.object({
  personalId: z.string(),
  issueDate: optionalDate(),
  issuePlace: text(),
});

const member = z.nullable(
  z.object({
    fullName: text(),
    age: z.nullable(z.number()),
    occupation: text(),
    address: text(),
  }),
);

export const payloadSchema = z.object({
  v: z.literal(payloadVersion),
  form: z.literal(registrationFormVersion),
  submittedAt: z.string(),
  lang: z.string(),
  /** "self": the person (18+) writes Mẫu 20; "child": a parent, guardian or legal representative does. */
  registrant: z.enum(["self", "child"]),
  determination: z.object({ has: z.boolean(), date: optionalDate() }),
  /** "none": no stable residence, registered where the drug use was detected (Decree 163 Art. 89.1.b). */
  residence: z.enum(["stable", "none"]),
  person: z.object({
    fullName: text(),
    otherNames: text(),
    dateOfBirth: isoDate(),
    sex: z.enum(sexOptions),
    id: idCard,
    /** The residence (or, without one, the current place) and the commune registered with. */
    address: z.object({
      detail: text(),
      communeCode: z.string(),
      commune: text(),
      provinceCode: z.string(),
      province: text(),
    }),
    phone: z.nullable(z.string()),
    education: text(),
    occupation: text(),
    workplace: text(),
  }),
  /** Mẫu 20 part 1 when someone else writes it (12-17); null when the person writes it. */
  writer: z.nullable(
    z.object({
      relationship: z.enum(relationshipOptions),
      fullName: text(),
      dateOfBirth: isoDate(),
      sex: z.enum(sexOptions),
      id: idCard,
      address: text(),
      phone: z.string(),
    }),
  ),
  family: z.object({ father: member, mother: member, spouse: member, children: text() }),
  record: z.object({
    criminal: z.enum(recordOptions),
    criminalDetail: text(),
    administrative: z.enum(recordOptions),
    administrativeDetail: text(),
  }),
  drugUse: z.object({
    drugs: z.array(z.enum(drugOptions)),
    other: z.nullable(text()),
    methods: z.array(z.enum(methodOptions)),
    firstUseYear: z.nullable(z.number()),
  }),
  treatmentHistory: z.object({
    treatedBefore: z.boolean(),
    voluntaryTimes: z.number(),
    voluntaryPlaces: text(),
    compulsoryTimes: z.number(),
    afterCareTimes: z.number(),
    substitution: z.enum(substitutionOptions),
    substitutionEndDate: optionalDate(),
  }),
  treatmentForm: z.enum(treatmentFormOptions),
  /** What the family was warned about before sending, for the officer to check with them. */
  warnings: z.object({ idBirthYear: z.boolean(), determinationOld: z.boolean() }),
  commitment: z.literal(true),
  consent: z.object({ given: z.literal(true), at: z.string() }),
});

export type RegistrationPayload = z.infer<typeof payloadSchema>;

export interface PayloadContext {
  submittedAt: string;
  lang: string;
  communeName: (code: string) => string;
  provinceName: (code: string) => string;
  flags?: Flags;
}

/**
 * The payload from answers. From a validated registration it satisfies `payloadSchema`; from a
 * draft (the family's print view) it is the same shape with blanks where nothing was answered.
 */
export function payloadOf(
  answers: Registration | RawAnswers,
  ctx: PayloadContext,
): RegistrationPayload {
  const raw = answers as RawAnswers;
  const s = (name: string) => normalizeText(one(raw[name]));
  // A validated registration holds dates as "YYYY-MM-DD"; a draft holds their three boxes.
  const d = (name: string): string | null => {
    const value = dateValue(raw, name);
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  };
  const n = (name: string) => parseCount(one(raw[name])) ?? 0;
  const flags = ctx.flags ?? flagsOf(raw);
  const child = flags.child;
  const stable = flags.stableResidence;
  const m = (prefix: string) => {
    const value = {
      fullName: s(`${prefix}Name`),
      age: parseCount(one(raw[`${prefix}Age`])) ?? null,
      occupation: s(`${prefix}Occupation`),
      address: s(`${prefix}Address`),
    };
    return value.fullName || value.age !== null || value.occupation || value.address ? value : null;
  };
  const drugs = list(raw.drugs) as RegistrationPayload["drugUse"]["drugs"];
  const substitution = (s("substitution") ||
    "no") as RegistrationPayload["treatmentHistory"]["substitution"];
  return {
    v: payloadVersion,
    form: registrationFormVersion,
    submittedAt: ctx.submittedAt,
    lang: ctx.lang,
    registrant: child ? "child" : "self",
    determination: {
      has: s("determination") === "yes",
      date: s("determination") === "yes" ? d("determinationDate") : null,
    },
    residence: stable ? "stable" : "none",
    person: {
      fullName: s("fullName"),
      otherNames: s("otherNames"),
      dateOfBirth: d("dateOfBirth") ?? "",
      sex: s("sex") as RegistrationPayload["person"]["sex"],
      id: {
        personalId: digitsOnly(one(raw.personalId)),
        issueDate: d("idIssueDate"),
        issuePlace: s("idIssuePlace"),
      },
      address: {
        detail: s("addressDetail"),
        communeCode: s("communeCode"),
        commune: ctx.communeName(s("communeCode")),
        provinceCode: s("provinceCode"),
        province: ctx.provinceName(s("provinceCode")),
      },
      phone: normalizePhone(one(raw.phone)) || null,
      education: s("education"),
      occupation: s("occupation"),
      workplace: s("workplace"),
    },
    writer: child
      ? {
          relationship: s("repRelationship") as NonNullable<
            RegistrationPayload["writer"]
          >["relationship"],
          fullName: s("repName"),
          dateOfBirth: d("repDateOfBirth") ?? "",
          sex: s("repSex") as RegistrationPayload["person"]["sex"],
          id: {
            personalId: digitsOnly(one(raw.repPersonalId)),
            issueDate: d("repIdIssueDate"),
            issuePlace: s("repIdIssuePlace"),
          },
          address: s("repAddress"),
          phone: normalizePhone(one(raw.repPhone)),
        }
      : null,
    family: {
      father: m("father"),
      mother: m("mother"),
      spouse: child ? null : m("spouse"),
      children: child ? "" : normalizeLines(one(raw.children)),
    },
    record: {
      criminal: (s("criminalRecord") || "none") as RegistrationPayload["record"]["criminal"],
      criminalDetail: s("criminalRecord") === "yes" ? s("criminalRecordDetail") : "",
      administrative: (s("adminRecord") || "none") as RegistrationPayload["record"]["criminal"],
      administrativeDetail: s("adminRecord") === "yes" ? s("adminRecordDetail") : "",
    },
    drugUse: {
      drugs,
      other: drugs.includes("other") ? s("drugsOther") : null,
      methods: list(raw.useMethods) as RegistrationPayload["drugUse"]["methods"],
      firstUseYear: /^\d{4}$/.test(s("firstUseYear")) ? Number(s("firstUseYear")) : null,
    },
    treatmentHistory: {
      treatedBefore: s("treatedBefore") === "yes",
      voluntaryTimes: n("voluntaryTimes"),
      voluntaryPlaces: s("voluntaryPlaces"),
      compulsoryTimes: n("compulsoryTimes"),
      afterCareTimes: n("afterCareTimes"),
      substitution,
      substitutionEndDate: substitution === "ended" ? d("substitutionEndDate") : null,
    },
    // Without a stable residence the law sets the place: a public facility (Law 120 Art. 34.1).
    treatmentForm: (stable
      ? s("treatmentForm")
      : "public-facility") as RegistrationPayload["treatmentForm"],
    warnings: { idBirthYear: flags.idWarning, determinationOld: flags.determinationOld },
    commitment: true,
    consent: { given: true, at: ctx.submittedAt },
  };
}
