/** Registers the `client:interaction` directive (see directives/interaction.ts). */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

export function interactionDirective(): AstroIntegration {
  return {
    name: "loi-ve:interaction-directive",
    hooks: {
      "astro:config:setup": ({ addClientDirective }) => {
        addClientDirective({
          name: "interaction",
          entrypoint: fileURLToPath(new URL("../directives/interaction.ts", import.meta.url)),
        });
      },
    },
  };
}
