/**
 * Scoring a self-check quiz. One function for every path, so the same answers give the same
 * score: the quiz island on the device, the Worker's feedback page without JavaScript, and the
 * offline pack. Answers travel as form fields q0, q1, … holding the chosen option's index.
 */
export type Answers = (number | undefined)[];

export interface PassRule {
  /** Share of right answers needed to pass (0-1). */
  passMark: number;
  /** Share needed for the higher band. */
  distinctionMark: number;
}

export const defaultPassRule: PassRule = { passMark: 0.75, distinctionMark: 0.9 };

export const passBands = ["distinction", "pass"] as const;
export type PassBand = (typeof passBands)[number];

/** The form field of question i. */
export const answerField = (i: number) => `q${i}`;

/** Index of the right option. */
export function correctIndex(question: { options: { correct: boolean }[] }): number {
  return question.options.findIndex((o) => o.correct);
}

/** Right answers: `key[i]` is the right option of question i. */
export function scoreAnswers(key: readonly number[], answers: Answers): number {
  return key.reduce(
    (n, right, i) => n + (answers[i] !== undefined && answers[i] === right ? 1 : 0),
    0,
  );
}

/**
 * The answers in a submitted form: a field that is missing, repeated with different values, not a
 * whole number, or out of range counts as unanswered (never as an error: a quiz is not a form to fix).
 */
export function answersFrom(
  value: (name: string) => string | undefined,
  optionCounts: readonly number[],
): Answers {
  return optionCounts.map((count, i) => {
    const raw = value(answerField(i));
    if (raw === undefined || !/^\d{1,2}$/.test(raw)) return undefined;
    const n = Number(raw);
    return n < count ? n : undefined;
  });
}

/** The pass band a score reaches, or undefined below the pass mark. */
export function passBand(
  score: number,
  total: number,
  rule: PassRule = defaultPassRule,
): PassBand | undefined {
  if (total <= 0) return undefined;
  // Compare in whole numbers: 6/8 must pass a 0.75 mark however the float rounds.
  const needed = (mark: number) => Math.ceil(mark * total - 1e-9);
  if (score >= needed(rule.distinctionMark)) return "distinction";
  if (score >= needed(rule.passMark)) return "pass";
  return undefined;
}
