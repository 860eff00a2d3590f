/** Lesson pages share their paths and the handouts that exist for a lesson. */
import { getCollection } from "astro:content";
import { langCodes, type Lang } from "../core/i18n/languages.ts";
import { sourceSlugs } from "./content.ts";

export async function lessonPaths() {
  const slugs = await sourceSlugs("lessons");
  return langCodes.flatMap((lang) => slugs.map((slug) => ({ params: { lang, slug } })));
}

/** Languages with a handout for this lesson. */
export async function handoutLangs(slug: string): Promise<Lang[]> {
  return (await getCollection("handouts"))
    .filter((h) => h.data.lesson === slug)
    .map((h) => h.id.split("/")[0] as Lang)
    .sort((a, b) => langCodes.indexOf(a) - langCodes.indexOf(b));
}
