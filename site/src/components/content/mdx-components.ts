/** The components content authors may use in MDX files. */
import Cite from "./Cite.astro";
import Claim from "./Claim.astro";
import Notice from "./Notice.astro";
import Unknown from "./Unknown.astro";

export const mdxComponents = { Cite, Claim, Notice, Unknown };
