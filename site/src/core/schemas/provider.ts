/**
 * A place that offers treatment or support. Listings come only from cited sources; where a
 * detail is unknown the field is left out and the page says so and sends people to the commune.
 */
import { z } from "zod";
import { communeCode, provinceCode } from "./admin-units.ts";

export const providerTypes = [
  "public-facility", // public drug-dependence treatment facility
  "private-facility", // licensed private facility
  "community-service", // home/community voluntary-treatment service registered with the provincial police
  "substitution-clinic", // methadone or buprenorphine clinic or dispensing point
  "addiction-assessment", // health facility qualified to determine addiction
  "counselling-point", // community counselling point
] as const;

export const providerServices = [
  "voluntary-facility",
  "voluntary-home-community",
  "compulsory",
  "methadone",
  "buprenorphine",
  "addiction-determination",
  "counselling",
  "after-care",
  "vocational-training",
] as const;

const phoneSchema = z.object({
  number: z.string().regex(/^(\+84|0)[0-9 .-]{8,13}$/, "a Vietnamese phone number"),
  hours: z.string().optional(),
  costNote: z.string().optional(),
});

export const providerSchema = z.object({
  /** Stable id, never reused: "<province code>-<slug>". */
  id: z
    .string()
    .regex(/^\d{2}-[a-z0-9-]+$/, "format <province code>-<slug>, e.g. 11-tuan-giao-health-centre"),
  name: z.string().min(3),
  type: z.enum(providerTypes),
  services: z.array(z.enum(providerServices)).min(1),
  provinceCode,
  /** The commune it is in, when the source says so. */
  communeCode: communeCode.optional(),
  /** When the source names only a pre-2025 district: the listing shows on its former communes. */
  formerDistrict: z.object({ name: z.string(), province: z.string() }).optional(),
  address: z.string().optional(),
  coordinates: z
    .object({ lat: z.number().min(8).max(24), lon: z.number().min(102).max(110) })
    .optional(),
  phones: z.array(phoneSchema).default([]),
  languages: z.array(z.string()).default([]),
  ages: z
    .object({ min: z.number().int().min(0).optional(), max: z.number().int().optional() })
    .optional(),
  costs: z.enum(["free", "fee", "support-available", "unknown"]).default("unknown"),
  access: z
    .object({
      whatToBring: z.array(z.string()).default([]),
      referral: z.string().optional(),
    })
    .default({ whatToBring: [] }),
  /** Caveats a reader must see, e.g. that the name may have changed since the source. */
  notes: z.string().optional(),
  source: z.object({
    title: z.string().min(3),
    /** When the source was issued, as far as it shows (e.g. "11/2023"); never guessed. */
    issued: z.string().optional(),
    /** For the project's seeds: the file under ../shared/seeds. */
    reference: z.string().optional(),
    /** Where the source can be read (a link for the reader; the site never fetches it). */
    url: z.url().optional(),
  }),
  /**
   * When the listing was last compared with its source. Readers are shown the source's own date
   * (source.issued), never this one: a listing is only as current as its source.
   */
  verifiedOn: z.coerce.date(),
});

export type Provider = z.infer<typeof providerSchema>;
export type ProviderType = (typeof providerTypes)[number];
