/**
 * `client:interaction`: show the island's server-rendered controls (hidden without JavaScript,
 * so there is never a dead form), and load and hydrate it only when the reader first focuses,
 * touches or types in it. Nothing of search is downloaded before someone starts searching.
 */
import type { ClientDirective } from "astro";

const interaction: ClientDirective = (load, _options, el) => {
  el.querySelectorAll<HTMLElement>("[data-reveal]").forEach((node) => {
    node.hidden = false;
  });
  const events = ["focusin", "pointerdown", "keydown"] as const;
  const start = async () => {
    for (const e of events) el.removeEventListener(e, start);
    const hydrate = await load();
    await hydrate();
  };
  for (const e of events) el.addEventListener(e, start, { once: true });
};

export default interaction;
