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

interface WithLegalBasis {
  summary: string;
  legalBasis: { source: string }[];
}

/** A page that states a legal rule must cite its basis; inline citations must be in that basis. */
export function assertLegalBasis(id: string, data: WithLegalBasis, body: string): void {
  const markers = legalRuleMarkersIn(`${data.summary}\n${body}`);
  if (markers.length > 0 && data.legalBasis.length === 0) {
    throw new Error(
      `${id}: states a legal rule (${markers
        .slice(0, 3)
        .map((m) => `"${m}"`)
        .join(", ")}) but has no legalBasis`,
    );
  }
  const basis = new Set(data.legalBasis.map((c) => c.source));
  for (const source of citedSourcesIn(body)) {
    if (!basis.has(source))
      throw new Error(`${id}: <Cite source="${source}"> is not listed in its legalBasis`);
  }
}

export function assertGuideContent(id: string, data: WithLegalBasis, body: string): void {
  assertLegalBasis(id, data, body);
}
