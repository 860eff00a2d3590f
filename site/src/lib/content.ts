/**
 * Reading translated content: the reader's language when the file exists, else the Vietnamese
 * source (a fallback, shown with a notice and lang="vi").
 */
import { getCollection, type CollectionEntry } from "astro:content";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defaultLang, langCodes, type Lang } from "../core/i18n/languages.ts";
import {
  translationState,
  type TranslationState,
} from "../../../scripts/lib/translation-status.ts";

export type Translated = "guides" | "pages" | "lessons" | "training";

export interface LocalizedEntry<C extends Translated> {
  entry: CollectionEntry<C>;
  slug: string;
  /** The language the content is actually in. */
  contentLang: Lang;
  isFallback: boolean;
  state: TranslationState;
}

export function splitId(id: string): { lang: Lang; slug: string } {
  const [lang, ...rest] = id.split("/");
  return { lang: lang as Lang, slug: rest.join("/") };
}

function fileText(entry: { filePath?: string }): string {
  return readFileSync(resolve(entry.filePath!), "utf8");
}

const indexes = new Map<Translated, Promise<Map<string, unknown>>>();

/** Entries by id ("vi/how-to-register"), loaded once per collection (getEntry warns on misses). */
export async function entryById<C extends Translated>(
  collection: C,
  id: string,
): Promise<CollectionEntry<C> | undefined> {
  let index = indexes.get(collection);
  if (!index) {
    index = getCollection(collection).then(
      (all) => new Map(all.map((e) => [e.id, e] as [string, unknown])),
    );
    indexes.set(collection, index);
  }
  return (await index).get(id) as CollectionEntry<C> | undefined;
}

export async function sourceSlugs(collection: Translated): Promise<string[]> {
  const entries = await getCollection(collection, (e) => e.id.startsWith(`${defaultLang}/`));
  return entries.map((e) => splitId(e.id).slug);
}

export async function localizedEntry<C extends Translated>(
  collection: C,
  lang: Lang,
  slug: string,
): Promise<LocalizedEntry<C>> {
  const source = await entryById(collection, `${defaultLang}/${slug}`);
  if (!source) throw new Error(`No Vietnamese source for ${collection}/${slug}`);
  if (lang === defaultLang)
    return { entry: source, slug, contentLang: lang, isFallback: false, state: "source" };
  const own = await entryById(collection, `${lang}/${slug}`);
  if (!own)
    return { entry: source, slug, contentLang: defaultLang, isFallback: true, state: "missing" };
  return {
    entry: own,
    slug,
    contentLang: lang,
    isFallback: false,
    state: translationState(fileText(source), fileText(own)),
  };
}

/** All entries of a collection in one language (with fallbacks), in source order. */
export async function localizedEntries<C extends Translated>(
  collection: C,
  lang: Lang,
): Promise<LocalizedEntry<C>[]> {
  const slugs = await sourceSlugs(collection);
  return Promise.all(slugs.map((slug) => localizedEntry(collection, lang, slug)));
}

/** Which languages a page really exists in (for hreflang and the picker). */
export async function contentLangsOf(collection: Translated, slug: string): Promise<Lang[]> {
  const present = await Promise.all(
    langCodes.map(async (l) => ((await entryById(collection, `${l}/${slug}`)) ? l : null)),
  );
  return present.filter((l): l is Lang => l !== null);
}
