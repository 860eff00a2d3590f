/**
 * The payload the print view renders from a draft: the answers as they are, blanks where nothing
 * was answered. Built per request and dropped with it: printing stores and logs nothing.
 */
import {
  payloadOf,
  type RegistrationPayload,
} from "../../site/src/core/schemas/registration/payload.ts";
import type { RawAnswers } from "../../site/src/core/schemas/registration/normalize.ts";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";

export function printPayload(answers: RawAnswers, lang: string): RegistrationPayload {
  return payloadOf(answers, {
    submittedAt: new Date().toISOString(),
    lang,
    communeName: (code) => communeByCode(code)?.name ?? "",
    provinceName: (code) => provinceByCode(code)?.name ?? "",
  });
}
