import { describe, expect, it } from "vitest";
import { scoreQuiz } from "../../site/src/islands/Quiz.tsx";

const q = (right: number) => ({
  kind: "single" as const,
  prompt: "?",
  options: [0, 1, 2].map((i) => ({ text: String(i), correct: i === right, feedback: "f" })),
});

describe("quiz scoring", () => {
  it("counts right answers, not unanswered or wrong ones", () => {
    const questions = [q(0), q(1), q(2), q(1)];
    expect(scoreQuiz(questions, [0, 1, 2, 1])).toBe(4);
    expect(scoreQuiz(questions, [0, 0, undefined, 1])).toBe(2);
    expect(scoreQuiz(questions, [])).toBe(0);
  });
});
