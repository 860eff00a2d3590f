/**
 * The quiz, scored on the device with the one scoring function the Worker also uses
 * (site/src/core/domain/quiz/score.ts): nothing is sent anywhere, and once the page is loaded it works
 * offline. Two uses:
 *  - school lessons: rendered on the server as a printable list of questions; the interactive
 *    form appears only when JavaScript runs, so there is never a form that does nothing;
 *  - staff training (`form`): rendered on the server as a real form that posts to the Worker,
 *    which answers with the feedback page and stores nothing. With JavaScript the same form is
 *    scored here instead. A module has it twice: before the reading ("pre", score only) and
 *    after it ("post", feedback, explanations, the pre/post scores and, on a pass, the
 *    certificate request, which posts to the Worker because only it can sign).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { translator } from "../core/format/interpolate.ts";
import {
  answerField,
  correctIndex,
  passBand,
  scoreAnswers,
  type Answers,
} from "../core/domain/quiz/score.ts";

interface Option {
  text: string;
  correct: boolean;
  feedback?: string | undefined;
}
/** A statement of law, already formatted: "Nghị định 163/2026/NĐ-CP, khoản 1 Điều 91". */
export interface QuizCite {
  text: string;
  /** Checked only against a copy ([S]): shows the "from a copy" mark. */
  marked: boolean;
}
interface Question {
  kind: "single" | "true-false";
  prompt: string;
  options: Option[];
  explanation?: string | undefined;
  cites?: QuizCite[];
}
export interface QuizForm {
  /** Where the form posts without JavaScript. */
  action: string;
  phase: "pre" | "post";
  /** Keeps ids unique when a page has two quizzes. */
  idPrefix: string;
  /** Training module slug (the pre-test's score is shared with the post-test on the same page). */
  module: string;
  /** Post-test: where the certificate request posts, and the pass marks. */
  certificateAction?: string;
  passMark?: number;
  distinctionMark?: number;
  /** Where the "from a copy" mark links. */
  howSureHref?: string;
}
interface Props {
  questions: Question[];
  labels: Record<string, string>;
  form?: QuizForm;
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** Right answers of a lesson quiz (kept for the lesson pages and their tests). */
export function scoreQuiz(questions: Question[], answers: Answers): number {
  return scoreAnswers(questions.map(correctIndex), answers);
}

/** The pre-test score, shared with the post-test island of the same module on this page. */
const preScores = new Map<string, number>();
const preListeners = new Set<() => void>();
function publishPre(module: string, score: number) {
  preScores.set(module, score);
  preListeners.forEach((l) => l());
}

export default function Quiz({ questions, labels, form }: Props) {
  const [interactive, setInteractive] = useState(!!form);
  const [answers, setAnswers] = useState<Answers>([]);
  const [checked, setChecked] = useState(false);
  const [pre, setPre] = useState<number | undefined>(undefined);
  const result = useRef<HTMLDivElement>(null);
  const label = translator(labels);
  useEffect(() => setInteractive(true), []);
  useEffect(() => {
    if (checked) result.current?.focus();
  }, [checked]);
  useEffect(() => {
    if (!form || form.phase !== "post") return;
    const update = () => setPre(preScores.get(form.module));
    update();
    preListeners.add(update);
    return () => void preListeners.delete(update);
  }, [form]);

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

  const key = questions.map(correctIndex);
  const score = scoreAnswers(key, answers);
  const total = questions.length;
  const prefix = form?.idPrefix ?? "";
  const isPre = form?.phase === "pre";
  const band = form
    ? passBand(score, total, {
        passMark: form.passMark ?? 0.75,
        distinctionMark: form.distinctionMark ?? 0.9,
      })
    : undefined;
  const showFeedback = checked && !isPre;

  const cites = (list: QuizCite[] | undefined) =>
    list && list.length > 0 ? (
      <>
        {" "}
        {list.map((c) => (
          <span class="cite">
            ({c.text}
            {c.marked && (
              <>
                {" · "}
                <a class="claim-mark" href={form?.howSureHref}>
                  {label("legal.mark.S")}
                </a>
              </>
            )}
            ){" "}
          </span>
        ))}
      </>
    ) : null;

  return (
    <>
      <form
        class="quiz"
        method={form ? "post" : undefined}
        action={form?.action}
        data-quiz-phase={form?.phase}
        data-form={form ? "" : undefined}
        onSubmit={(e) => {
          e.preventDefault();
          setChecked(true);
          if (isPre) publishPre(form!.module, score);
        }}
      >
        {form && <input type="hidden" name="phase" value={form.phase} />}
        {form && !isPre && pre !== undefined && <input type="hidden" name="pre" value={pre} />}
        {checked && (
          <div class="quiz-result" ref={result} tabIndex={-1} role="status">
            <p class="quiz-score" data-quiz-score data-score={score} data-total={total}>
              {isPre
                ? label("train.quiz.preScore", { score, total })
                : form
                  ? label("train.quiz.postScore", { score, total })
                  : label("quiz.score", { score, total })}
            </p>
            {form && !isPre && pre !== undefined && (
              <p data-quiz-compare>{label("train.quiz.compare", { pre, post: score, total })}</p>
            )}
            {isPre && <p>{label("train.quiz.preNext")}</p>}
            {form && !isPre && (
              <p data-quiz-band={band ?? "none"}>
                <strong>
                  {band ? label(`train.band.${band}`) : label("train.quiz.notPassed")}
                </strong>{" "}
                {band ? label("train.quiz.passedNext") : label("train.quiz.notPassedNext")}
              </p>
            )}
          </div>
        )}
        {questions.map((q, qi) => {
          const chosen = answers[qi];
          const right = key[qi]!;
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
                      id={`${prefix}q${qi}-${oi}`}
                      name={answerField(qi)}
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
                    <label for={`${prefix}q${qi}-${oi}`}>{o.text}</label>
                  </div>
                ))}
              </div>
              {showFeedback && (
                <div
                  class={`notice ${chosen === right ? "" : "notice--warn"}`}
                  data-feedback={chosen === right ? "correct" : "incorrect"}
                >
                  {chosen === undefined ? (
                    <p>{label("quiz.unanswered")}</p>
                  ) : (
                    <p>
                      <strong>
                        {chosen === right ? label("quiz.correct") : label("quiz.incorrect")}
                      </strong>{" "}
                      {q.options[chosen]!.feedback}
                    </p>
                  )}
                  {chosen !== right && (
                    <p>
                      {label("quiz.correctAnswer", { answer: q.options[right]!.text })}{" "}
                      {!q.explanation && q.options[right]!.feedback}
                    </p>
                  )}
                  {q.explanation && (
                    <p class="quiz-explanation">
                      {q.explanation}
                      {cites(q.cites)}
                    </p>
                  )}
                </div>
              )}
            </fieldset>
          );
        })}
        {!(isPre && checked) && (
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
                {form ? label(`train.quiz.submit.${form.phase}`) : label("quiz.check")}
              </button>
            )}
          </div>
        )}
      </form>
      {form?.certificateAction && checked && band && (
        <form
          class="certificate-request"
          method="post"
          action={form.certificateAction}
          novalidate
          data-certificate-request
        >
          <h3>{label("train.cert.requestHeading")}</h3>
          <p>{label("train.cert.requestIntro")}</p>
          {answers.map((a, i) =>
            a === undefined ? null : <input type="hidden" name={answerField(i)} value={a} />,
          )}
          <div class="form-group">
            <label class="label" for={`${prefix}cert-name`}>
              {label("train.cert.nameLabel")}
            </label>
            <p class="hint" id={`${prefix}cert-name-hint`}>
              {label("train.cert.nameHint")}
            </p>
            <input
              class="input"
              type="text"
              id={`${prefix}cert-name`}
              name="name"
              autocomplete="name"
              spellcheck={false}
              aria-describedby={`${prefix}cert-name-hint`}
            />
          </div>
          <button type="submit">{label("train.cert.request")}</button>
        </form>
      )}
    </>
  );
}
