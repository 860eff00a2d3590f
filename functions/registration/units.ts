/** The administrative units as the registration schema needs them (the full, official list). */
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import {
  registrationSchema,
  type UnitLookup,
} from "../../site/src/core/schemas/registration/schema.ts";

export const unitLookup: UnitLookup = {
  provinceExists: (code) => provinceByCode(code) !== undefined,
  provinceOfCommune: (code) => communeByCode(code)?.provinceCode,
};

export function schemaNow(now: () => Date = () => new Date()) {
  return registrationSchema(unitLookup, now);
}
