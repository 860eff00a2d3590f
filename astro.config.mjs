// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import preact from "@astrojs/preact";
import { interactionDirective } from "./site/src/integrations/interaction-directive.ts";

// The public address, used for canonical links, hreflang and the sitemap. Set SITE_URL when
// building for production (see README, "Deploy").
const site = process.env.SITE_URL ?? "http://127.0.0.1:8787";

export default defineConfig({
  site,
  srcDir: "./site/src",
  publicDir: "./public",
  outDir: "./dist",
  output: "static",
  trailingSlash: "always",
  // "preserve" keeps [lang]/404.astro as /<lang>/404.html, which the Worker's asset handler
  // serves for misses under that language (not_found_handling = "404-page").
  // Stylesheets are inlined: on a slow mobile network a round trip costs more than 3 KB; the
  // CSP allows them by hash.
  build: { format: "preserve", inlineStylesheets: "always" },
  integrations: [mdx(), preact(), interactionDirective()],
  devToolbar: { enabled: false },
  prefetch: false,
});
