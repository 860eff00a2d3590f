/**
 * Staff training in Chromium, served by the real Worker:
 *  - every module's quiz, in vi and en, gives the same score with JavaScript (scored on the
 *    device) and without (posted to the Worker), before and after the reading;
 *  - a certificate earned in the browser verifies on the verify page, also with the network off;
 *    a changed field fails; an older law version is flagged; another key's certificate is refused;
 *  - job aids and certificates print on one A4 page with nothing cut off; slides one per page;
 *  - each offline pack opens from file:// with the network off and runs its quiz;
 *  - the phrase cards print their draft label; training pages stay within the page budget and
 *    make no request to another origin.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium, trackedContext } from "../../scripts/lib/chromium.ts";
import { measureFirstVisit } from "../../scripts/lib/measure.ts";
import { answerKey, mixedAnswers, moduleFiles, type ModuleFile } from "../support/training.ts";
import { scoreAnswers } from "../../site/src/core/domain/quiz/score.ts";
import { signCertificate } from "../../site/src/core/domain/certificates/certificate.ts";
import { lawVersionId } from "../../site/src/core/schemas/training.ts";
import { parseDevVars } from "../../site/src/lib/training/trust.ts";
import { toBase64Url, fromBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { keyPair } from "../support/training.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const modules = [...moduleFiles("vi"), ...moduleFiles("en")];
const viModules = modules.filter((m) => m.lang === "vi");

function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function answer(page: Page, phase: "pre" | "post", answers: (number | undefined)[]) {
  for (const [i, a] of answers.entries())
    if (a !== undefined) await page.locator(`#${phase}-q${i}-${a}`).check();
}

/** The hydrated quiz island of a phase (client:visible: scrolled into view first). */
async function hydrated(page: Page, phase: "pre" | "post") {
  const form = page.locator(`form[data-quiz-phase=${phase}]`);
  await form.scrollIntoViewIfNeeded();
  await page.locator(`astro-island:not([ssr]) form[data-quiz-phase=${phase}]`).waitFor();
  return form;
}

const scoreOf = (text: string | null) => Number(/(\d+)\/\d+/.exec(text ?? "")?.[1]);

describe("each module's quiz gives the same score with JavaScript and without", () => {
  it.each(modules.map((m) => [`${m.lang}/${m.slug}`, m] as const))("%s", async (_id, m) => {
    const answers = mixedAnswers(m.data);
    const expected = scoreAnswers(answerKey(m.data), answers);

    // Without JavaScript: the form posts to the Worker, which answers with the feedback page.
    const off = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const plain = await off.newPage();
    await plain.goto(`/${m.lang}/training/${m.slug}/`);
    await answer(plain, "post", answers);
    await plain.locator("form[data-quiz-phase=post] button[type=submit]").click();
    await plain.waitForURL(/\/check\/$/);
    const withoutJs = scoreOf(await plain.locator("[data-quiz-score]").textContent());

    // With JavaScript: the same form, scored on the device; nothing is sent.
    const on = await trackedContext(browser, baseUrl);
    const page = await on.newPage();
    await page.goto(`/${m.lang}/training/${m.slug}/`);
    const form = await hydrated(page, "post");
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    await answer(page, "post", answers);
    await form.locator("button[type=submit]").click();
    const score = page.locator("form[data-quiz-phase=post] [data-quiz-score]");
    await score.waitFor();
    const withJs = Number(await score.getAttribute("data-score"));
    // Each question shows its feedback and explanation.
    expect(await form.locator("[data-feedback]").count()).toBe(m.data.quiz.length);
    expect(await form.locator(".quiz-explanation").count()).toBe(m.data.quiz.length);

    expect(posts).toEqual([]);
    expect(off.foreignRequests).toEqual([]);
    expect(on.foreignRequests).toEqual([]);
    await off.context.close();
    await on.context.close();
    expect(withoutJs).toBe(expected);
    expect(withJs).toBe(expected);
  });

  it("before the reading, too: the pre-test score is the same both ways and reaches the post-test", async () => {
    const m = viModules[0]!;
    const answers = answerKey(m.data).map((k, i) => (i < 4 ? k : undefined));

    const off = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const plain = await off.newPage();
    await plain.goto(`/vi/training/${m.slug}/`);
    await answer(plain, "pre", answers);
    await plain.locator("form[data-quiz-phase=pre] button[type=submit]").click();
    await plain.waitForURL(/\/check\/#pre-result$/);
    expect(scoreOf(await plain.locator("[data-slot=pre-score]").textContent())).toBe(4);
    // The pre-test score travels with the post-test, and comes back beside the new score.
    await answer(plain, "post", answerKey(m.data));
    await plain.locator("form[data-quiz-phase=post] button[type=submit]").click();
    await plain.waitForURL(/\/check\/$/);
    expect(await plain.locator("[data-slot=compare]").textContent()).toContain(
      `4/${m.data.quiz.length}`,
    );

    const on = await trackedContext(browser, baseUrl);
    const page = await on.newPage();
    await page.goto(`/vi/training/${m.slug}/`);
    const pre = await hydrated(page, "pre");
    await answer(page, "pre", answers);
    await pre.locator("button[type=submit]").click();
    expect(Number(await pre.locator("[data-quiz-score]").getAttribute("data-score"))).toBe(4);
    // Only the score before the reading: no answers given away.
    expect(await pre.locator("[data-feedback]").count()).toBe(0);
    const post = await hydrated(page, "post");
    await answer(page, "post", answerKey(m.data));
    await post.locator("button[type=submit]").click();
    expect(await post.locator("[data-quiz-compare]").textContent()).toContain(
      `4/${m.data.quiz.length}`,
    );
    await off.context.close();
    await on.context.close();
  });
});

describe("certificates in the browser", () => {
  const m = viModules[0]!;

  async function earn(page: Page, name: string): Promise<string> {
    await page.goto(`/vi/training/${m.slug}/`);
    const form = await hydrated(page, "post");
    await answer(page, "post", answerKey(m.data));
    await form.locator("button[type=submit]").click();
    await page.locator("[data-certificate-request] input[name=name]").fill(name);
    await page.locator("[data-certificate-request] button[type=submit]").click();
    await page.waitForURL(/\/certificate\/$/);
    return (await page.locator("[data-certificate-code]").textContent())!.trim();
  }

  async function verify(page: Page, code: string): Promise<string> {
    await page.locator("textarea[name=certificate]").fill(code);
    await page.getByRole("button", { name: /^(Kiểm tra|Check)$/ }).click();
    const status = page.locator("[data-verify-status]:visible");
    await status.waitFor();
    return (await status.getAttribute("data-verify-status"))!;
  }

  it("a learner who passes gets a certificate that verifies on the device, also with the network off", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    const code = await earn(page, "Vàng Thị Dính");
    expect(await page.locator("[data-slot=name]").textContent()).toBe("Vàng Thị Dính");
    await page.goto("/vi/training/verify/");
    await page.locator("astro-island:not([ssr])").first().waitFor({ state: "attached" });
    await tracked.context.setOffline(true);
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    expect(await verify(page, code)).toBe("valid");
    expect(await page.locator("[data-verify-result] [data-slot=name]").textContent()).toBe(
      "Vàng Thị Dính",
    );
    expect(requests).toEqual([]);

    // Change one field: the name.
    const [p, body, sig] = code.split(".");
    const payload = JSON.parse(utf8.decode(fromBase64Url(body!))) as Record<string, string>;
    payload.name = "Vàng Thị Dinh";
    const forged = `${p}.${toBase64Url(utf8.encode(JSON.stringify(payload)))}.${sig}`;
    expect(await verify(page, forged)).toBe("invalid");
    expect(await page.locator("[data-verify-result] [data-slot=name]").isVisible()).toBe(false);
    expect(requests).toEqual([]);
    await tracked.context.close();
  });

  it("a certificate for an older law version of the module says so; another key's certificate is refused", async () => {
    const devKey = parseDevVars(readFileSync(".dev.vars", "utf8")).CERT_SIGNING_KEY!;
    const older = { ...m.data.lawVersion, checked: new Date("2026-07-01") };
    const { code: outdated } = await signCertificate(JSON.parse(devKey), "development", {
      name: "Lường Văn Ọi",
      module: m.slug,
      law: lawVersionId(older),
      date: "2026-07-15",
      band: "pass",
    });
    const stranger = await keyPair("development");
    const { code: foreign } = await signCertificate(stranger.privateJwk, "development", {
      name: "Lường Văn Ọi",
      module: m.slug,
      law: lawVersionId(m.data.lawVersion),
      date: "2026-11-29",
      band: "pass",
    });
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto("/en/training/verify/");
    await page.locator("astro-island:not([ssr])").first().waitFor({ state: "attached" });
    expect(await verify(page, outdated)).toBe("outdated");
    expect(await page.locator("[data-verify-result] [data-slot=law]").textContent()).toContain(
      "01/07/2026",
    );
    expect(await verify(page, foreign)).toBe("other-issuer");
    await tracked.context.close();

    // Without JavaScript the Worker gives the same verdicts.
    const off = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const plain = await off.newPage();
    await plain.goto("/en/training/verify/");
    await plain.locator("textarea[name=certificate]").fill(outdated);
    await plain.getByRole("button", { name: "Check" }).click();
    await plain.waitForLoadState();
    expect(await plain.locator("[data-verify-status]").getAttribute("data-verify-status")).toBe(
      "outdated",
    );
    await off.context.close();
  });

  it("the certificate prints on one A4 page", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await earn(page, "Lò Văn Pọm");
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    await tracked.context.close();
    expect(pdfPages(pdf)).toBe(1);
  });
});

describe("printing", () => {
  /** Elements wider than the printable width of A4 (210 mm less 2 × 15 mm margins). */
  async function cutOff(page: Page, selector: string): Promise<string[]> {
    await page.setViewportSize({ width: 680, height: 960 });
    await page.emulateMedia({ media: "print" });
    return page.evaluate(
      (sel) =>
        [...document.querySelectorAll<HTMLElement>(`${sel}, ${sel} *`)]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      selector,
    );
  }

  it.each(modules.map((m) => [`${m.lang}/${m.slug}`, m] as const))(
    "job aid %s: one A4 page, nothing cut off",
    async (_id, m) => {
      const tracked = await trackedContext(browser, baseUrl);
      const page = await tracked.newPage();
      await page.goto(`/${m.lang}/training/${m.slug}/job-aid/`, { waitUntil: "networkidle" });
      expect(await cutOff(page, ".job-aid")).toEqual([]);
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      await tracked.context.close();
      expect(pdfPages(pdf)).toBe(1);
    },
  );

  it.each(["vi", "en"])(
    "trainer mode (%s): one slide per landscape page; attendance sheet on one page",
    async (lang) => {
      const m = viModules[0]!;
      const tracked = await trackedContext(browser, baseUrl);
      const page = await tracked.newPage();
      await page.goto(`/${lang}/training/${m.slug}/slides/`, { waitUntil: "networkidle" });
      const slides = await page.locator(".slide").count();
      await page.emulateMedia({ media: "print" });
      const deck = await page.pdf({ printBackground: true, preferCSSPageSize: true });
      expect(pdfPages(deck)).toBe(slides);
      await page.goto(`/${lang}/training/${m.slug}/attendance/`, { waitUntil: "networkidle" });
      expect(await cutOff(page, ".attendance")).toEqual([]);
      const sheet = await page.pdf({
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
      });
      expect(pdfPages(sheet)).toBe(1);
      await tracked.context.close();
    },
  );
});

describe("offline packs open from file:// with the network off", () => {
  const dir = mkdtempSync(join(tmpdir(), "loi-ve-pack-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(modules.map((m) => [`${m.lang}/${m.slug}`, m] as const))(
    "%s",
    async (_id, m: ModuleFile) => {
      // As a learner would have it: the one file, saved on its own.
      const file = join(dir, `loi-ve-${m.slug}-${m.lang}.html`);
      copyFileSync(`dist/${m.lang}/training/${m.slug}/offline.html`, file);
      const context = await browser.newContext({ offline: true });
      const requests: string[] = [];
      context.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator("h1").textContent()).toBe(m.data.title);
      expect(await page.locator(".scenario-step").count()).toBe(m.data.scenario.nodes.length);
      // The quiz works from the file: pre-test, then post-test with feedback.
      const answers = mixedAnswers(m.data);
      await answer(page, "pre", answers);
      await page.locator("form[data-quiz-phase=pre] button[type=submit]").click();
      await answer(page, "post", answers);
      await page.locator("form[data-quiz-phase=post] button[type=submit]").click();
      const score = page.locator("form[data-quiz-phase=post] [data-quiz-score]");
      expect(Number(await score.getAttribute("data-score"))).toBe(
        scoreAnswers(answerKey(m.data), answers),
      );
      expect(await page.locator("[data-quiz-compare]").count()).toBe(1);
      // Without JavaScript the answers are in the page, behind a <details>.
      expect(await page.locator("#answers .answer-key > li").count()).toBe(m.data.quiz.length);
      expect(requests).toEqual([]);
      await context.close();
    },
  );
});

describe("phrase cards", () => {
  const source = readFileSync("site/content/phrase-cards/vi.yaml", "utf8");
  const cards = (source.match(/^ {2}- id: /gm) ?? []).length;

  it.each(["hmn", "blt", "km"])(
    "%s: every card beside its Vietnamese; the draft label prints",
    async (lang) => {
      const tracked = await trackedContext(browser, baseUrl);
      const page = await tracked.newPage();
      await page.goto(`/${lang}/training/phrase-cards/`, { waitUntil: "networkidle" });
      expect(await page.locator(".phrase-card").count()).toBe(cards);
      expect(await page.locator(".phrase-card .phrase-card-vi[lang=vi]").count()).toBe(cards);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("[data-translation-state=draft]").isVisible()).toBe(true);
      const labels = page.locator(".phrase-card-draft");
      expect(await labels.count()).toBe(cards);
      for (const label of await labels.all()) expect(await label.isVisible()).toBe(true);
      expect(tracked.foreignRequests).toEqual([]);
      await tracked.context.close();
    },
  );
});

describe("training pages: page budget and no third-party requests", () => {
  const m = viModules[0]!;
  const pages = [
    "training/",
    "training/verify/",
    // Every module page (the largest pages: two quizzes and the reading).
    ...viModules.map((x) => `training/${x.slug}/`),
    `training/${m.slug}/practice/${m.data.scenario.start}/`,
    `training/${m.slug}/results/`,
    `training/${m.slug}/certificate/`,
    `training/${m.slug}/job-aid/`,
  ];
  it.each(["vi", "en"].flatMap((lang) => pages.map((p) => [lang, p] as const)))(
    "%s %s: ≤ 20 KB gzip HTML + CSS",
    async (lang, path) => {
      const tracked = await trackedContext(browser, baseUrl);
      const weight = await measureFirstVisit(await tracked.newPage(), `/${lang}/${path}`);
      await tracked.context.close();
      console.log(
        `${lang}/${path}: HTML ${weight.html} B + CSS ${weight.css} B gzip, JS ${weight.js} B`,
      );
      expect(weight.html + weight.css).toBeLessThanOrEqual(20 * 1024);
      expect(tracked.foreignRequests).toEqual([]);
    },
  );
});
