// Lets pages write `client:interaction` (see interaction.ts) with type checking.
import "astro";

declare module "astro" {
  interface AstroClientDirectives {
    "client:interaction"?: boolean;
  }
}
