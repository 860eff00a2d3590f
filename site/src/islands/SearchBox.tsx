/**
 * Search over the language's Pagefind index: tone marks and đ optional ("dang ky" finds
 * "Đăng ký"), filters by type and province with counts, keyboard navigation of results, and the
 * number of results announced; lessons also by grade band. Rendered on the server as a hidden form that the
 * `client:interaction` directive reveals; the index loads only when the reader starts searching.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { translator } from "../core/format/interpolate.ts";
import { FilterSelect } from "./shared/FilterSelect.tsx";

interface Props {
  labels: Record<string, string>;
  /** The language whose commune pages the places bundle holds for this page (vi or en; vi for other languages). */
  placesLang: string;
  /** Limit to these result types (e.g. the commune finder). */
  scope?: string[];
  placeholderKey?: string;
}
interface Hit {
  url: string;
  title: string;
  excerpt: string;
  type: string;
  province?: string;
}
/** Communes come from their own bundle, ranked apart: their short pages would otherwise outrank guides. */
const isPlace = (type: string) => type === "commune";
interface Result {
  id: string;
  score: number;
  data(): Promise<{
    url: string;
    meta: Record<string, string>;
    excerpt: string;
    filters: Record<string, string[]>;
  }>;
}
interface Found {
  results: Result[];
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
  search(q: string, o?: { filters?: Record<string, unknown> }): Promise<Found | null>;
}

/**
 * Pagefind folds tone marks but not đ. In Vietnamese đ only starts a syllable, so the query is
 * also searched with every word's initial d as đ ("dang ky" → "đang ky", which finds "Đăng ký"),
 * and the two result lists are merged, each page keeping its better score.
 */
export function dVariant(term: string): string | undefined {
  const variant = term.replace(/(^|[\s-])d/g, "$1đ").replace(/(^|[\s-])D/g, "$1Đ");
  return variant === term ? undefined : variant;
}

async function searchBoth(
  pf: Pagefind,
  term: string,
  filters: Record<string, unknown>,
): Promise<Found | null> {
  const variant = dVariant(term);
  const [plain, withD] = await Promise.all([
    pf.search(term, { filters }),
    variant ? pf.search(variant, { filters }) : null,
  ]);
  if (!plain || !withD) return plain ?? withD;
  const best = new Map<string, Result>();
  for (const r of [...plain.results, ...withD.results])
    if ((best.get(r.id)?.score ?? -1) < r.score) best.set(r.id, r);
  const results = [...best.values()].sort((a, b) => b.score - a.score);
  return {
    results,
    filters: plain.results.length >= withD.results.length ? plain.filters : withD.filters,
  };
}

let pagefind: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ "/pagefind/pagefind.js" as string).then(
    async (pf: Pagefind) => {
      // No worker (saves a download); short excerpts (smaller results).
      await pf.options({ noWorker: true, excerptLength: 18 });
      return pf;
    },
  );
  return pagefind;
}

/** The 3,321 communes are a second bundle, merged in after the first results (see scripts/build/search-index.ts). */
let places: Promise<void> | undefined;
function mergePlaces(pf: Pagefind, lang: string): Promise<void> {
  places ??= pf.mergeIndex("/pagefind-places/", { language: lang });
  return places;
}

const shown = 5;

/** Filter values with the number of results each would leave. */
const withCounts = (counts: [string, number][], name: (key: string) => string) =>
  counts.map(([value, n]) => ({ value, label: `${name(value)} (${n})` }));

function ResultItem({ h, t }: { h: Hit; t: (k: string) => string }) {
  return (
    <li data-result-type={h.type}>
      <a href={h.url}>{h.title}</a>
      <span class="tag">{t(`searchbox.type.${h.type}`)}</span>
      {h.province && h.type !== "province" && <span class="meta"> · {h.province}</span>}
      <p class="meta" dangerouslySetInnerHTML={{ __html: h.excerpt }} />
    </li>
  );
}

export default function SearchBox({ labels, scope, placeholderKey, placesLang }: Props) {
  const t = translator(labels);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [placeHits, setPlaceHits] = useState<Hit[]>([]);
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<Record<string, Record<string, number>>>({});
  const [type, setType] = useState("");
  const [province, setProvince] = useState("");
  const [band, setBand] = useState("");
  const [status, setStatus] = useState("");
  /** The query whose complete results are shown (places included). */
  const [doneQuery, setDoneQuery] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const latest = useRef(0);

  // Hydration happens on the first interaction: take over whatever was typed meanwhile.
  useEffect(() => {
    if (input.current?.value) setQuery(input.current.value);
  }, []);

  useEffect(() => {
    const term = query.trim();
    if (term.length < 2) {
      setHits(null);
      setStatus("");
      setDoneQuery("");
      return;
    }
    const run = ++latest.current;
    const timer = setTimeout(async () => {
      const pf = await loadPagefind();
      const hit = (d: Awaited<ReturnType<Result["data"]>>): Hit => ({
        url: d.url,
        title: d.meta.title ?? d.url,
        excerpt: d.excerpt,
        type: d.filters.type?.[0] ?? "",
        province: d.filters.province?.[0],
      });
      const top = async (found: Found | null) =>
        found
          ? Promise.all(found.results.slice(0, shown).map(async (r) => hit(await r.data())))
          : [];
      const show = async (complete: boolean) => {
        const where: Record<string, unknown> = {
          ...(province ? { province } : {}),
          ...(band ? { band } : {}),
        };
        const pageTypes = scope ? scope.filter((x) => !isPlace(x)) : undefined;
        const wantPages = !type || !isPlace(type);
        const wantPlaces = complete && (!type || isPlace(type)) && (!scope || scope.some(isPlace));
        // Before the communes are merged in, the index holds only pages: no type filter is needed.
        const pageFilter =
          type && !isPlace(type)
            ? { ...where, type }
            : complete
              ? { ...where, type: pageTypes ? { any: pageTypes } : { none: ["commune"] } }
              : where;
        const [pages, placesFound, counts] = await Promise.all([
          wantPages ? searchBoth(pf, term, pageFilter) : null,
          wantPlaces ? searchBoth(pf, term, { ...where, type: "commune" }) : null,
          complete
            ? searchBoth(pf, term, scope ? { ...where, type: { any: scope } } : where)
            : null,
        ]);
        const [pageHits, communeHits] = await Promise.all([top(pages), top(placesFound)]);
        if (run !== latest.current) return;
        setHits(pageHits);
        setPlaceHits(communeHits);
        const total = (pages?.results.length ?? 0) + (placesFound?.results.length ?? 0);
        setTotal(total);
        if (counts) setCounts(counts.filters ?? {});
        if (complete) {
          setDoneQuery(term);
          setStatus(
            total === 0
              ? t("searchbox.none", { query: term })
              : t("searchbox.count", { count: total }),
          );
        }
      };
      // A finder limited to places needs them at once; otherwise the guides come first.
      const placesFirst = scope?.includes("commune");
      if (!places && !placesFirst) await show(false);
      // Then the communes, and the filter counts (Pagefind counts filters once their index is loaded).
      await mergePlaces(pf, placesLang);
      await pf.filters();
      await show(true);
    }, 180);
    return () => clearTimeout(timer);
  }, [query, type, province, band]);

  // Arrow keys move between the search box and the results; Escape clears.
  const onKey = (e: KeyboardEvent) => {
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>("a") ?? [])];
    const items: HTMLElement[] = [input.current!, ...links];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown" && at < items.length - 1) {
      e.preventDefault();
      items[at + 1]!.focus();
    } else if (e.key === "ArrowUp" && at > 0) {
      e.preventDefault();
      items[at - 1]!.focus();
    } else if (e.key === "Escape") {
      setQuery("");
      input.current!.value = "";
      input.current!.focus();
    }
  };

  const typeOptions = Object.entries(counts.type ?? {}).filter(
    ([k]) => !scope || scope.includes(k),
  );
  const bandOptions = Object.entries(counts.band ?? {});
  const chooseType = (value: string) => {
    setType(value);
    if (value !== "lesson") setBand("");
  };
  const provinceOptions = Object.entries(counts.province ?? {}).sort((a, b) =>
    a[0].localeCompare(b[0], "vi"),
  );
  return (
    <div class="search" role="search" onKeyDown={onKey} data-reveal hidden>
      <label for="search-input" class="label--page">
        {t(placeholderKey ?? "searchbox.label")}
      </label>
      <p class="hint" id="search-hint">
        {t("searchbox.hint")}
      </p>
      <input
        id="search-input"
        ref={input}
        type="search"
        autocomplete="off"
        spellcheck={false}
        aria-describedby="search-hint"
        aria-controls={hits && hits.length + placeHits.length > 0 ? "search-results" : undefined}
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      <p
        class="visually-hidden"
        role="status"
        aria-live="polite"
        data-search-status
        data-query={doneQuery}
      >
        {status}
      </p>
      {hits !== null && (
        <div class="search-filters">
          {(typeOptions.length > 1 || type) && (
            <FilterSelect
              id="search-type"
              label={t("searchbox.type")}
              any={t("searchbox.all")}
              value={type}
              onChoose={chooseType}
              choices={withCounts(typeOptions, (k) => t(`searchbox.type.${k}`))}
            />
          )}
          {type === "lesson" && (bandOptions.length > 1 || band) && (
            <FilterSelect
              id="search-band"
              label={t("lesson.band")}
              any={t("searchbox.all")}
              value={band}
              onChoose={setBand}
              choices={withCounts(bandOptions, (k) => t(`lessons.band.${k}`))}
            />
          )}
          {(provinceOptions.length > 1 || province) && (
            <FilterSelect
              id="search-province"
              label={t("searchbox.province")}
              any={t("searchbox.all")}
              value={province}
              onChoose={setProvince}
              choices={withCounts(provinceOptions, (k) => k)}
            />
          )}
        </div>
      )}
      {hits !== null && hits.length + placeHits.length > 0 && (
        <div id="search-results" ref={list}>
          <p class="meta" aria-hidden="true">
            {t("searchbox.count", { count: total })}
          </p>
          {hits.length > 0 && (
            <ol class="search-results" data-group="pages">
              {hits.map((h) => (
                <ResultItem h={h} t={t} />
              ))}
            </ol>
          )}
          {placeHits.length > 0 && (
            <>
              <h2 class="search-group">{t("searchbox.type.commune")}</h2>
              <ol class="search-results" data-group="places">
                {placeHits.map((h) => (
                  <ResultItem h={h} t={t} />
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {hits !== null && hits.length + placeHits.length === 0 && (
        <p>{t("searchbox.none", { query: query.trim() })}</p>
      )}
    </div>
  );
}
