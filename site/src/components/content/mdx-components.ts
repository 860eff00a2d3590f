/** The components content authors may use in MDX files. */
import Cite from "./Cite.astro";
import Notice from "./Notice.astro";

export const mdxComponents = { Cite, Notice };
