/**
 * The one script of an offline pack (a module saved as a single HTML file): it brings the pack's
 * quizzes to life with the same Quiz island the site uses, so a learner can take the pre- and
 * post-test from the phone's storage with no network. Bundled and inlined at build time
 * (site/src/lib/training/pack-script.ts); its props travel in a JSON script element.
 */
import { h, hydrate } from "preact";
import Quiz from "../Quiz.tsx";

const props = JSON.parse(document.getElementById("pack-props")!.textContent!) as Record<
  string,
  Parameters<typeof Quiz>[0]
>;
for (const el of document.querySelectorAll<HTMLElement>("[data-pack-quiz]")) {
  const own = props[el.dataset.packQuiz!];
  if (own) hydrate(h(Quiz, own), el);
}
