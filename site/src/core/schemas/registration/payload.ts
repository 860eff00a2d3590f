/**
 * What the receiving office reads: the registration as the Worker encrypts it (built in
 * functions/registration/submit.ts) and as the inbox checks it after decrypting, on the
 * officer's device (site/src/islands/office/RegistrationView.tsx). zod/mini keeps the island small.
 */
import * as z from "zod/mini";
import {
  drugOptions,
  durationOptions,
  methodOptions,
  previousTreatmentOptions,
  sexOptions,
  treatmentFormOptions,
} from "./fields.ts";

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
