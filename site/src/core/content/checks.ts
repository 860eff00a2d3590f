/**
 * Build-time checks on content that a schema cannot express. Each throws with the file id and
 * the reason, which fails `astro build`.
 */

/** Phrases that show a text is stating a legal rule (a duty, a deadline, an article of law). */
const legalRuleMarkers: RegExp[] = [
  /\bĐiều \d+/u,
  /\bkhoản \d+/u,
  /\bLuật\b/u,
  /\bNghị định\b/u,
  /\bThông tư\b/u,
  /\bngày làm việc\b/u,
  /\btheo quy định\b/u,
  /\bcó nghĩa vụ\b/u,
  /\bbắt buộc phải\b/u,
  /\bArticle \d+/,
  /\bDecree\b/,
  /\bCircular\b/,
  /\bworking days?\b/i,
  /\bby law\b/i,
  /\blegal duty\b/i,
  /\brequired by law\b/i,
  /\bthe law (says|requires)\b/i,
  /\b\d{1,3}\/20\d\d\/(QH1\d|NĐ-CP|TT-[A-Z]+)\b/u,
];

export function legalRuleMarkersIn(text: string): string[] {
  const found: string[] = [];
  for (const marker of legalRuleMarkers) {
    const match = marker.exec(text);
    if (match) found.push(match[0]);
  }
  return found;
}

export function citedSourcesIn(body: string): string[] {
  return [...body.matchAll(/<Cite\s+[^>]*source="([^"]+)"/g)].map((m) => m[1]!);
}

export function claimIdsIn(body: string, component: "Claim" | "Unknown" = "Claim"): string[] {
  return [...body.matchAll(new RegExp(`<${component}\\s+[^>]*id="([^"]+)"`, "g"))].map(
    (m) => m[1]!,
  );
}

type Citation = string | { source: string; article?: string | undefined };

interface WithLegalBasis {
  summary: string;
  legalBasis: Citation[];
  history?: boolean;
}

/** What the checks need to know of a claim. */
export interface ClaimFacts {
  source: string;
  confidence: "V" | "S" | "U";
  statement: string;
  statementEn: string;
}
export interface ClaimIndex {
  claim(id: string): ClaimFacts | undefined;
  /** Whether a legal source is no longer in force (cited only for history). */
  sourceReplaced(id: string): boolean;
}

/**
 * A page that states a legal rule must cite its basis; inline citations must be in that basis.
 * With the claim index (content check and build), also: every claim exists, a [U] statement is
 * never cited as fact, a non-[U] one never marked unknown, and only a history page cites repealed
 * rules.
 */
export function assertLegalBasis(
  id: string,
  data: WithLegalBasis,
  body: string,
  index?: ClaimIndex,
): void {
  const markers = legalRuleMarkersIn(`${data.summary}\n${body}`);
  if (markers.length > 0 && data.legalBasis.length === 0) {
    throw new Error(
      `${id}: states a legal rule (${markers
        .slice(0, 3)
        .map((m) => `"${m}"`)
        .join(", ")}) but has no legalBasis`,
    );
  }
  const claimIds = new Set(data.legalBasis.filter((c) => typeof c === "string"));
  const sources = new Set(
    data.legalBasis.map((c) => (typeof c === "string" ? index?.claim(c)?.source : c.source)),
  );
  for (const source of citedSourcesIn(body)) {
    if (!sources.has(source))
      throw new Error(`${id}: <Cite source="${source}"> is not listed in its legalBasis`);
  }
  for (const claim of claimIdsIn(body)) {
    if (!claimIds.has(claim))
      throw new Error(`${id}: <Claim id="${claim}"> is not listed in its legalBasis`);
  }
  if (!index) return;
  for (const claimId of [...claimIds, ...claimIdsIn(body)]) {
    const claim = index.claim(claimId);
    if (!claim) throw new Error(`${id}: no claim "${claimId}" in site/content/legal/claims/`);
    if (claim.confidence === "U")
      throw new Error(
        `${id}: "${claimId}" is unverified [U]: use <Unknown id="${claimId}" />, never state it`,
      );
    if (index.sourceReplaced(claim.source) && !data.history)
      throw new Error(
        `${id}: "${claimId}" is a repealed rule; only a history page (history: true) may cite it`,
      );
  }
  for (const claimId of claimIdsIn(body, "Unknown")) {
    const claim = index.claim(claimId);
    if (!claim) throw new Error(`${id}: no claim "${claimId}" in site/content/legal/claims/`);
    if (claim.confidence !== "U")
      throw new Error(
        `${id}: <Unknown id="${claimId}"> is [${claim.confidence}]; cite it with <Claim>`,
      );
  }
}

/** Only a history page may state the rules repealed on 01/07/2026. */
export function assertNoRepealedRules(
  id: string,
  data: Pick<WithLegalBasis, "summary" | "history">,
  body: string,
  index?: ClaimIndex,
): void {
  if (data.history) return;
  const stated = repealedRulesIn(`${data.summary}\n\n${body}`, index);
  if (stated.length > 0)
    throw new Error(
      `${id}: states a rule repealed on 01/07/2026: ${stated.map((s) => `"${s}"`).join(", ")}`,
    );
}

export function assertGuideContent(
  id: string,
  data: WithLegalBasis,
  body: string,
  index?: ClaimIndex,
): void {
  assertLegalBasis(id, data, body, index);
}

/**
 * Rules repealed on 01/07/2026 (Law 73/2021 and Decree 116/2021): procedure 1.010941, a decision
 * in 3 working days, 5 working days to register, 6 to 12 months of treatment, 95% support. In
 * Vietnamese, English and, by their numbers, any language.
 */
export const repealedRulePatterns: RegExp[] = [
  /1\.010941/u,
  /\b0?[35] ngày làm việc/iu,
  /\b(three|five|[35]) working days?\b/iu,
  /\b0?6 (tháng )?(đến|tới|-|–) ?(12|mười hai) tháng/iu,
  /\b(6|six) (months )?(to|-|–) ?(12|twelve) months\b/iu,
  /\b6 ?[-–] ?12\b/u,
  /\b95 ?%/u,
];

/**
 * The repealed rules a text states. A paragraph may still use such a phrase when it cites, with
 * <Claim>, a current statement that contains the same phrase (e.g. the 3 working days to read a
 * compulsory-treatment file, Decree 163 Art. 102).
 */
export function repealedRulesIn(text: string, index?: ClaimIndex): string[] {
  const found: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const current = index
      ? claimIdsIn(paragraph)
          .map((id) => index.claim(id))
          .filter((c): c is ClaimFacts => !!c && !index.sourceReplaced(c.source))
      : [];
    for (const pattern of repealedRulePatterns) {
      const match = pattern.exec(paragraph);
      if (!match) continue;
      const backed = current.some((c) => pattern.test(c.statement) || pattern.test(c.statementEn));
      if (!backed) found.push(match[0]);
    }
  }
  return found;
}

/** What the training checks need to know of a module (site/src/core/schemas/training.ts). */
interface TrainingFacts {
  legalBasis: Citation[];
  lawVersion: { texts: string[] };
}

/**
 * A training module cites, with its article and confidence, every rule it states: each claim
 * named in its frontmatter (key points, scenario, quiz explanations, job aid) or in its reading
 * must be in its legalBasis, exist, and not be [U]; <Unknown> only for [U]; the law version
 * names texts in force; no repealed rule, in any text of it, unless a cited claim says the same.
 */
export function assertTrainingModule(
  id: string,
  data: TrainingFacts,
  frontmatterClaims: string[],
  citedTexts: { text: string; claims: string[] }[],
  body: string,
  index: ClaimIndex,
): void {
  const basis = new Set(data.legalBasis.filter((c): c is string => typeof c === "string"));
  for (const claim of new Set([...frontmatterClaims, ...claimIdsIn(body)]))
    if (!basis.has(claim))
      throw new Error(`${id}: cites "${claim}" but its legalBasis does not list it`);
  assertLegalBasis(id, { summary: "", legalBasis: data.legalBasis }, body, index);
  for (const text of data.lawVersion.texts) {
    if (index.sourceReplaced(text))
      throw new Error(`${id}: lawVersion names "${text}", which is no longer in force`);
  }
  // Each frontmatter text is its own paragraph, backed by its own claims.
  const paragraphs = citedTexts.map(
    (t) => `${t.text} ${t.claims.map((c) => `<Claim id="${c}" />`).join(" ")}`,
  );
  const stated = repealedRulesIn([...paragraphs, body].join("\n\n"), index);
  if (stated.length > 0)
    throw new Error(
      `${id}: states a rule repealed on 01/07/2026: ${stated.map((s) => `"${s}"`).join(", ")}`,
    );
}
