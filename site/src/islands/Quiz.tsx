/**
 * A quiz scored on the device: nothing is sent anywhere, and once the page is loaded it works
 * offline. Rendered on the server as a printable list of questions; the interactive form
 * appears only when JavaScript runs, so there is never a form that does nothing.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { translator } from "../core/format/interpolate.ts";

interface Option {
  text: string;
  correct: boolean;
  feedback: string;
}
interface Question {
  kind: "single" | "true-false";
  prompt: string;
  options: Option[];
}
interface Props {
  questions: Question[];
  labels: Record<string, string>;
}

const letter = (i: number) => String.fromCharCode(65 + i);

export function scoreQuiz(questions: Question[], answers: (number | undefined)[]): number {
  return questions.reduce(
    (n, q, i) => n + (answers[i] !== undefined && q.options[answers[i]!]?.correct ? 1 : 0),
    0,
  );
}

export default function Quiz({ questions, labels }: Props) {
  const [interactive, setInteractive] = useState(false);
  const [answers, setAnswers] = useState<(number | undefined)[]>([]);
  const [checked, setChecked] = useState(false);
  const result = useRef<HTMLParagraphElement>(null);
  const label = translator(labels);
  useEffect(() => setInteractive(true), []);
  useEffect(() => {
    if (checked) result.current?.focus();
  }, [checked]);

  if (!interactive) {
    return (
      <ol class="quiz quiz--print">
        {questions.map((q) => (
          <li>
            <p class="quiz-prompt">{q.prompt}</p>
            <ol class="quiz-options">
              {q.options.map((o, i) => (
                <li>
                  {letter(i)}. {o.text}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    );
  }

  const score = scoreQuiz(questions, answers);
  return (
    <form
      class="quiz"
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
      }}
    >
      {checked && (
        <p class="quiz-score" role="status" tabIndex={-1} ref={result} data-quiz-score>
          {label("quiz.score", { score, total: questions.length })}
        </p>
      )}
      {questions.map((q, qi) => {
        const chosen = answers[qi];
        const right = q.options.findIndex((o) => o.correct);
        return (
          <fieldset class="form-group quiz-question" data-question={qi}>
            <legend>
              {label("quiz.question", { n: qi + 1 })}: {q.prompt}
            </legend>
            <div class="choices">
              {q.options.map((o, oi) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`q${qi}-${oi}`}
                    name={`q${qi}`}
                    value={String(oi)}
                    checked={chosen === oi}
                    disabled={checked}
                    onChange={() =>
                      setAnswers((a) => {
                        const next = [...a];
                        next[qi] = oi;
                        return next;
                      })
                    }
                  />
                  <label for={`q${qi}-${oi}`}>{o.text}</label>
                </div>
              ))}
            </div>
            {checked && (
              <div
                class={`notice ${chosen === right ? "" : "notice--warn"}`}
                data-feedback={chosen === right ? "correct" : "incorrect"}
              >
                {chosen === undefined ? (
                  <p>
                    {label("quiz.unanswered")}{" "}
                    {label("quiz.correctAnswer", { answer: q.options[right]!.text })}
                  </p>
                ) : (
                  <p>
                    <strong>
                      {chosen === right ? label("quiz.correct") : label("quiz.incorrect")}
                    </strong>{" "}
                    {q.options[chosen]!.feedback}
                  </p>
                )}
                {chosen !== undefined && chosen !== right && (
                  <p>
                    {label("quiz.correctAnswer", { answer: q.options[right]!.text })}{" "}
                    {q.options[right]!.feedback}
                  </p>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
      <div class="button-group">
        {/* Keyed: the re-render after "Try again" must not turn the clicked button into a submit button. */}
        {checked ? (
          <button
            key="again"
            type="button"
            onClick={(e) => {
              e.preventDefault();
              setAnswers([]);
              setChecked(false);
            }}
          >
            {label("quiz.again")}
          </button>
        ) : (
          <button key="check" type="submit">
            {label("quiz.check")}
          </button>
        )}
      </div>
    </form>
  );
}
