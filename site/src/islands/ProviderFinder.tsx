/**
 * The finder: filter the known treatment and support places by service, the person's age,
 * language and cost, and order them by distance from the reader, computed on the device (the
 * location is never sent anywhere). Works without location permission: the list stays in
 * province order and says why. Without JavaScript the province pages and type lists do the job.
 */
import { useEffect, useState } from "preact/hooks";
import { translator } from "../core/format/interpolate.ts";
import { FilterSelect } from "./shared/FilterSelect.tsx";

interface Listing {
  id: string;
  name: string;
  type: string;
  services: string[];
  province: string;
  path: string;
  coordinates: { lat: number; lon: number } | null;
  ages: { min?: number; max?: number } | null;
  languages: string[];
  costs: string;
}
interface Props {
  lang: string;
  labels: Record<string, string>;
  services: string[];
  costs: string[];
}

/** Great-circle distance in km. */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export interface Criteria {
  service: string;
  age: number | null;
  language: string;
  cost: string;
}

/** A listing whose ages or languages are not known is kept: unknown is not "no". */
export function matches(l: Listing, c: Criteria): boolean {
  if (c.service && !l.services.includes(c.service)) return false;
  if (c.age !== null && l.ages && ((l.ages.min ?? 0) > c.age || (l.ages.max ?? 200) < c.age))
    return false;
  if (c.language && l.languages.length > 0 && !l.languages.includes(c.language)) return false;
  if (c.cost && l.costs !== c.cost) return false;
  return true;
}

export default function ProviderFinder({ lang, labels, services, costs }: Props) {
  const t = translator(labels);
  const [listings, setListings] = useState<Listing[] | null>(null);
  const [criteria, setCriteria] = useState<Criteria>({
    service: "",
    age: null,
    language: "",
    cost: "",
  });
  const [here, setHere] = useState<{ lat: number; lon: number } | null>(null);
  const [locating, setLocating] = useState<"idle" | "asking" | "denied" | "unavailable">("idle");
  // Rendered hidden on the server: without JavaScript there is no finder, only the province pages.
  const [ready, setReady] = useState(false);

  useEffect(() => {
    setReady(true);
    fetch("/where-to-go/providers.json")
      .then((r) => r.json())
      .then((d: { listings: Listing[] }) => setListings(d.listings))
      .catch(() => setListings([]));
  }, []);

  const locate = () => {
    if (!("geolocation" in navigator)) return setLocating("unavailable");
    setLocating("asking");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setHere({ lat: pos.coords.latitude, lon: pos.coords.longitude });
        setLocating("idle");
      },
      () => setLocating("denied"),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };

  const languages = [...new Set((listings ?? []).flatMap((l) => l.languages))].sort();
  const shown = (listings ?? [])
    .filter((l) => matches(l, criteria))
    .map((l) => ({ ...l, km: here && l.coordinates ? distanceKm(here, l.coordinates) : null }))
    .sort(
      (a, b) =>
        (a.km ?? Infinity) - (b.km ?? Infinity) ||
        a.province.localeCompare(b.province, "vi") ||
        a.name.localeCompare(b.name, "vi"),
    );
  const set = (patch: Partial<Criteria>) => setCriteria((c) => ({ ...c, ...patch }));

  return (
    <section class="finder" aria-labelledby="finder-heading" hidden={!ready}>
      <h2 id="finder-heading">{t("finder.heading")}</h2>
      <p>{t("finder.lede")}</p>
      <div class="finder-filters">
        <FilterSelect
          id="finder-service"
          label={t("finder.service")}
          any={t("finder.any")}
          value={criteria.service}
          onChoose={(service) => set({ service })}
          choices={services.map((v) => ({ value: v, label: t(`provider.service.${v}`) }))}
        />
        <div class="form-group">
          <label for="finder-age">{t("finder.age")}</label>
          <input
            id="finder-age"
            type="text"
            inputmode="numeric"
            class="input--short"
            value={criteria.age ?? ""}
            onInput={(e) => {
              const v = (e.target as HTMLInputElement).value.trim();
              set({ age: /^\d{1,3}$/.test(v) ? Number(v) : null });
            }}
          />
        </div>
        <FilterSelect
          id="finder-language"
          label={t("finder.language")}
          any={t("finder.any")}
          value={criteria.language}
          onChoose={(language) => set({ language })}
          choices={languages.map((v) => ({ value: v, label: v }))}
        />
        <FilterSelect
          id="finder-cost"
          label={t("finder.cost")}
          any={t("finder.any")}
          value={criteria.cost}
          onChoose={(cost) => set({ cost })}
          choices={costs.map((v) => ({ value: v, label: t(`provider.cost.${v}`) }))}
        />
      </div>
      <p>
        <button
          type="button"
          class="button--secondary"
          onClick={locate}
          disabled={locating === "asking"}
        >
          {t("finder.nearMe")}
        </button>{" "}
        <span class="meta">{t("finder.privacy")}</span>
      </p>
      <p role="status" aria-live="polite" data-finder-status>
        {listings === null
          ? ""
          : locating === "denied"
            ? t("finder.denied")
            : locating === "unavailable"
              ? t("finder.unavailable")
              : t("finder.count", { count: shown.length })}
      </p>
      <ol class="finder-results" data-finder-results>
        {shown.map((l) => (
          <li data-listing={l.id}>
            <a href={`/${lang}/${l.path}`} lang="vi">
              {l.name}
            </a>
            <span class="meta">
              {" "}
              · {l.province}
              {l.km !== null
                ? ` · ${t("finder.km", { km: Math.round(l.km) })}`
                : here
                  ? ` · ${t("finder.noDistance")}`
                  : ""}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
