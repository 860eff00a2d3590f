/**
 * The journey's logic in Node: each step checks its own answers against the earlier ones (so a
 * mistake shows on the page where it is made), the step count follows the path, and the
 * payload built from the answers satisfies the one payload schema.
 */
import { describe, expect, it } from "vitest";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import {
  firstStepWithIssues,
  issuesOfStep,
  registrationSchema,
  validateRegistration,
  type RawAnswers,
} from "../../site/src/core/schemas/registration/schema.ts";
import { payloadOf, payloadSchema } from "../../site/src/core/schemas/registration/payload.ts";
import {
  flagsOf,
  journeySteps,
  nextStepId,
  prefill,
  stepNumber,
} from "../../site/src/core/domain/registration/journey.ts";
import { adultAnswers, childAnswers } from "../fixtures/registrants.ts";

const now = new Date("2026-12-01T03:00:00Z");
const schema = registrationSchema(
  {
    provinceExists: (c) => provinceByCode(c) !== undefined,
    provinceOfCommune: (c) => communeByCode(c)?.provinceCode,
  },
  () => now,
);
const keys = (raw: RawAnswers, step: string) => issuesOfStep(schema, raw, step).map((i) => i.key);

describe("a complete journey", () => {
  it("an adult's answers are valid, and build a payload the payload schema accepts", () => {
    const result = validateRegistration(schema, adultAnswers());
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    const payload = payloadOf(result.data, {
      submittedAt: now.toISOString(),
      lang: "vi",
      communeName: (c) => communeByCode(c)?.name ?? "",
      provinceName: (c) => provinceByCode(c)?.name ?? "",
      flags: flagsOf(adultAnswers(), { now }),
    });
    expect(payloadSchema.safeParse(payload).success).toBe(true);
    expect(payload.person.fullName).toBe("Lò Văn Phềnh");
    expect(payload.writer).toBeNull();
  });

  it("a parent's answers for a 15-year-old are valid, with the parent as Mẫu 20's writer", () => {
    const raw = childAnswers(now);
    const result = validateRegistration(schema, raw);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    const payload = payloadOf(result.data, {
      submittedAt: now.toISOString(),
      lang: "vi",
      communeName: () => "",
      provinceName: () => "",
      flags: flagsOf(raw, { now }),
    });
    expect(payloadSchema.safeParse(payload).success).toBe(true);
    expect(payload.writer?.relationship).toBe("father");
    expect(payload.family.spouse).toBeNull();
  });
});

describe("each mistake shows on the step where the answer is given", () => {
  it("a 2012 birth date on the 'for myself, 18 or over' path: on the person step", () => {
    const raw = { ...adultAnswers(), "dateOfBirth-year": "2012" };
    expect(keys(raw, "person")).toContain("reg.error.dateOfBirth.selfUnder18");
    expect(firstStepWithIssues(schema, raw)?.stepId).toBe("person");
  });

  it("an empty writer for a 12-17-year-old: on the writer step", () => {
    const raw = {
      ...childAnswers(now),
      repName: "",
      repRelationship: "",
      repPersonalId: "",
      repPhone: "",
    };
    expect(keys(raw, "writer")).toEqual(
      expect.arrayContaining([
        "reg.error.repName.required",
        "reg.error.repRelationship.required",
        "reg.error.repPersonalId.required",
        "reg.error.repPhone.required",
      ]),
    );
    expect(firstStepWithIssues(schema, raw)?.stepId).toBe("writer");
  });

  it("'never treated' with compulsory treatment before: on the treatment-history step", () => {
    const raw = { ...adultAnswers(), treatedBefore: "no", compulsoryTimes: "1" };
    expect(keys(raw, "treatment-history")).toEqual(["reg.error.compulsoryTimes.neverTreated"]);
    expect(firstStepWithIssues(schema, raw)?.stepId).toBe("treatment-history");
  });

  it("checks only what the step asks: later steps unanswered do not block it", () => {
    const raw = { registrant: "self", determination: "no" };
    expect(keys(raw, "who")).toEqual([]);
    expect(keys(raw, "determination")).toEqual([]);
  });

  it("under 12 passes the who step (the journey explains instead), but is never a registration", () => {
    expect(keys({ registrant: "under12" }, "who")).toEqual([]);
    expect(nextStepId("who", { registrant: "under12" })).toBe("under-12");
    const result = validateRegistration(schema, { ...adultAnswers(), registrant: "under12" });
    expect(result.ok).toBe(false);
  });
});

describe("the path", () => {
  it("counts the steps of this person's path: 12 for an adult, 13 with the writer, 11 without a residence", () => {
    expect(stepNumber("who", adultAnswers()).total).toBe(13);
    expect(stepNumber("who", childAnswers(now)).total).toBe(14);
    expect(stepNumber("who", { ...adultAnswers(), residence: "none" }).total).toBe(12);
    expect(stepNumber("check", adultAnswers())).toEqual({ n: 13, total: 13 });
    expect(journeySteps({ residence: "none" }).map((s) => s.id)).not.toContain("treatment");
  });

  it("offers the writer's name and address as the father's, instead of asking again", () => {
    const raw = { ...childAnswers(now), fatherName: "", fatherAddress: "" };
    expect(prefill("family", raw)).toEqual({
      fatherName: "Giàng A Chứ",
      fatherAddress: "Bản Quài Cang",
    });
  });

  it("normalizes names typed with stray spaces", () => {
    const result = validateRegistration(schema, {
      ...adultAnswers(),
      fullName: "  lò   văn  phềnh  ",
    });
    expect(result.ok && result.data.fullName).toBe("lò văn phềnh");
  });

  it("24 months for a first treatment, 36 after an earlier one", () => {
    expect(flagsOf(adultAnswers()).repeatTreatment).toBe(false);
    expect(
      flagsOf({ ...adultAnswers(), treatedBefore: "yes", voluntaryTimes: "1" }).repeatTreatment,
    ).toBe(true);
  });
});
