/**
 * Search as people type it: tone marks and đ optional ("dang ky" finds "Đăng ký"), the places
 * first when the query names a place ("xa tuan giao", "Quài Cang"), the words people use
 * (synonyms indexed with their pages), a typo corrected, filters by type, province and grade
 * band with counts, keyboard navigation of results, and the number of results announced.
 * Rendered on the server as hidden controls that the `client:interaction` directive reveals;
 * nothing of search loads before the reader starts searching (see search/engine.ts for what
 * loads then).
 */
import type { ComponentChild } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { translator } from "../core/format/interpolate.ts";
import { FilterSelect } from "./shared/FilterSelect.tsx";
import { SearchEngine, type Hit, type Places } from "./search/engine.ts";

interface Props {
  labels: Record<string, string>;
  /** Labels that fell back to Vietnamese in this language: they carry lang="vi". */
  fallbackLabels: string[];
  /** The page's language. */
  lang: string;
  /** The language of the commune pages linked (vi or en; vi for other languages). */
  placesLang: string;
  /** First words that start many place names (the place shards' keys depend on them). */
  commonPlaceWords: string[];
  /** Limit to these result types (e.g. the commune finder). */
  scope?: string[];
  placeholderKey?: string;
}

interface Answer {
  /** what the reader typed */
  term: string;
  /** the spelling searched instead, when a word of the query matched nothing */
  corrected?: string;
  placesFirst: boolean;
  places: Hit[];
  pages: Hit[];
  /** false while the pages are still on their way (places already shown) */
  complete: boolean;
}

const isPlaceType = (type: string) => type === "commune" || type === "province";
const shown = 5;

/** Filter values with the number of results each would leave. */
const withCounts = (counts: [string, number][], name: (key: string) => string) =>
  counts.map(([value, n]) => ({ value, label: `${name(value)} (${n})` }));

const countBy = (hits: Hit[], key: (h: Hit) => string | undefined) => {
  const counts = new Map<string, number>();
  for (const h of hits) {
    const k = key(h);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts];
};

/** Tells the offline-reading script that a search is running, so it keeps the network free. */
const signal = (state: "busy" | "done") =>
  window.dispatchEvent(new CustomEvent("loive:search", { detail: state }));

type Text = (key: string, values?: Record<string, string | number>) => ComponentChild;

function ResultItem({ h, text }: { h: Hit; text: Text }) {
  return (
    <li data-result-type={h.type}>
      <a href={h.url} hreflang={h.hreflang}>
        {h.title}
      </a>
      <span class="tag">{text(`searchbox.type.${h.type}`)}</span>
      {h.province && h.type !== "province" && <span class="meta"> · {h.province}</span>}
      {h.summary && <p class="meta">{h.summary}</p>}
    </li>
  );
}

export default function SearchBox({
  labels,
  fallbackLabels,
  lang,
  scope,
  placeholderKey,
  placesLang,
  commonPlaceWords,
}: Props) {
  const t = translator(labels);
  const text: Text = (key, values) =>
    fallbackLabels.includes(key) ? <span lang="vi">{t(key, values)}</span> : t(key, values);
  const engine = useMemo(
    () =>
      new SearchEngine(lang, placesLang, new Set(commonPlaceWords), (units) =>
        t("where.formerly", { units }),
      ),
    [],
  );
  const [query, setQuery] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [type, setType] = useState("");
  const [province, setProvince] = useState("");
  const [band, setBand] = useState("");
  /** The query whose final results are on screen (a correction included). */
  const [settled, setSettled] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const latest = useRef(0);

  // Hydration happens on the first interaction: take over whatever was typed meanwhile.
  useEffect(() => {
    if (input.current?.value) setQuery(input.current.value);
  }, []);

  useEffect(() => {
    const term = query.trim();
    setSettled("");
    if (term.length < 2) {
      setAnswer(null);
      signal("done");
      return;
    }
    const run = ++latest.current;
    const current = () => run === latest.current;
    const timer = setTimeout(async () => {
      signal("busy");
      try {
        const inScope = (h: Hit) => !scope || scope.includes(h.type);
        const lookPlaces = !scope || scope.some(isPlaceType);
        const find = async (q: string, early?: (places: Places) => void) => {
          const placesFound = lookPlaces ? engine.places(q) : Promise.resolve(undefined);
          placesFound.then((p) => p && early?.(p)).catch(() => undefined);
          // Without a connection the index cannot load: show what the places gave, or nothing.
          const [places, pages] = await Promise.all([
            placesFound.catch(() => undefined),
            engine.pages(q).catch((): Hit[] => []),
          ]);
          const placeUrls = new Set(places?.hits.map((h) => h.url));
          return {
            placesFound: places,
            placesFirst: Boolean(scope?.includes("commune") || places?.intent),
            places: (places?.hits ?? []).filter(inScope),
            // A province is a place: shown once, with the places.
            pages: pages.filter((h) => inScope(h) && !placeUrls.has(h.url)),
          };
        };
        const found = await find(term, (p) => {
          // A place is named: show it while the pages are still loading.
          if (current() && p.intent && p.hits.length)
            setAnswer({
              term,
              placesFirst: true,
              places: p.hits.filter((h) => !scope || scope.includes(h.type)),
              pages: [],
              complete: false,
            });
        });
        if (!current()) return;
        const { placesFound, ...shownFirst } = found;
        setAnswer({ term, ...shownFirst, complete: true });
        const corrected = await engine.correct(term, placesFound).catch(() => undefined);
        if (current() && corrected && corrected !== term.toLocaleLowerCase("vi")) {
          const { placesFound: _, ...again } = await find(corrected);
          if (current() && again.places.length + again.pages.length > 0)
            setAnswer({ term, corrected, ...again, complete: true });
        }
      } finally {
        if (current()) {
          setSettled(term);
          signal("done");
        }
      }
    }, 180);
    return () => clearTimeout(timer);
  }, [query]);

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

  // Filters apply on the device; each filter's counts take the other filters into account.
  const all = answer ? [...answer.places, ...answer.pages] : [];
  const keep = (h: Hit, skip: "type" | "province" | "band" | "") =>
    (skip === "type" || !type || h.type === type) &&
    (skip === "province" || !province || h.province === province) &&
    (skip === "band" || !band || h.band === band);
  const typeOptions = countBy(
    all.filter((h) => keep(h, "type")),
    (h) => h.type,
  );
  const provinceOptions = countBy(
    all.filter((h) => keep(h, "province")),
    (h) => h.province,
  ).sort((a, b) => a[0].localeCompare(b[0], "vi"));
  const bandOptions = countBy(
    all.filter((h) => keep(h, "band")),
    (h) => h.band,
  );
  const places = answer?.places.filter((h) => keep(h, "")) ?? [];
  const pages = answer?.pages.filter((h) => keep(h, "")) ?? [];
  const total = places.length + pages.length;
  const chooseType = (value: string) => {
    setType(value);
    if (value !== "lesson") setBand("");
  };
  const complete = answer?.complete ?? false;
  const status =
    !answer || !complete
      ? ""
      : total === 0
        ? t("searchbox.none", { query: answer.term })
        : t("searchbox.count", { count: total });

  const placeGroup = places.length > 0 && (
    <section aria-labelledby="search-places-heading">
      <h2 class="search-group" id="search-places-heading">
        {text("searchbox.group.places")}
      </h2>
      <ol class="search-results" data-group="places">
        {places.slice(0, shown).map((h) => (
          <ResultItem h={h} text={text} />
        ))}
      </ol>
    </section>
  );
  const pageGroup = pages.length > 0 && (
    <section aria-labelledby="search-pages-heading">
      <h2 class="search-group" id="search-pages-heading">
        {text("searchbox.group.pages")}
      </h2>
      <ol class="search-results" data-group="pages">
        {pages.slice(0, shown).map((h) => (
          <ResultItem h={h} text={text} />
        ))}
      </ol>
    </section>
  );

  return (
    <div class="search" role="search" onKeyDown={onKey} data-reveal hidden>
      <label for="search-input" class="label--page">
        {text(placeholderKey ?? "searchbox.label")}
      </label>
      <p class="hint" id="search-hint">
        {text("searchbox.hint")}
      </p>
      <input
        id="search-input"
        ref={input}
        type="search"
        autocomplete="off"
        spellcheck={false}
        aria-describedby="search-hint"
        aria-controls={total > 0 ? "search-results" : undefined}
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      <p
        class="visually-hidden"
        role="status"
        aria-live="polite"
        data-search-status
        data-query={settled}
      >
        {status}
      </p>
      {answer && (
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
      {answer?.corrected && (
        <p data-search-corrected>{text("searchbox.corrected", { query: answer.corrected })}</p>
      )}
      {total > 0 && (
        <div id="search-results" ref={list}>
          <p class="meta" aria-hidden="true">
            {text("searchbox.count", { count: total })}
          </p>
          {answer!.placesFirst ? (
            <>
              {placeGroup}
              {pageGroup}
            </>
          ) : (
            <>
              {pageGroup}
              {placeGroup}
            </>
          )}
        </div>
      )}
      {answer && complete && total === 0 && <p>{text("searchbox.none", { query: answer.term })}</p>}
    </div>
  );
}
