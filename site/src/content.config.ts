/**
 * Content collections. Every schema lives in site/src/core/schemas (one per concept) and is shared
 * with the Worker and the tests; this file only says where each collection's files are.
 */
import { defineCollection } from "astro:content";
import { glob, file } from "astro/loaders";
import { guideSchema } from "./core/schemas/guide.ts";
import { pageSchema } from "./core/schemas/page.ts";
import { lessonSchema, handoutSchema } from "./core/schemas/lesson.ts";
import { trainingModuleSchema } from "./core/schemas/training.ts";
import { phraseCardSetSchema } from "./core/schemas/phrase-cards.ts";
import { legalSourceSchema } from "./core/schemas/legal-source.ts";
import { legalClaimSchema } from "./core/schemas/legal-claim.ts";
import { loadClaimFiles } from "../../scripts/lib/legal-claims.ts";
import { providerSchema } from "./core/schemas/provider.ts";
import { formatProblems, loadProviderFiles } from "../../scripts/providers/validate.ts";

const contentDir = "./site/content";

export const collections = {
  guides: defineCollection({
    loader: glob({ pattern: "*/*.{md,mdx}", base: `${contentDir}/guides` }),
    schema: guideSchema,
  }),
  pages: defineCollection({
    loader: glob({ pattern: "*/*.{md,mdx}", base: `${contentDir}/pages` }),
    schema: pageSchema,
  }),
  lessons: defineCollection({
    loader: glob({ pattern: "*/*.{md,mdx}", base: `${contentDir}/lessons` }),
    schema: lessonSchema,
  }),
  handouts: defineCollection({
    loader: glob({ pattern: "*/*.md", base: `${contentDir}/handouts` }),
    schema: handoutSchema,
  }),
  training: defineCollection({
    loader: glob({ pattern: "*/*.mdx", base: `${contentDir}/training` }),
    schema: trainingModuleSchema,
  }),
  phraseCards: defineCollection({
    loader: glob({ pattern: "*.yaml", base: `${contentDir}/phrase-cards` }),
    schema: phraseCardSetSchema,
  }),
  providers: defineCollection({
    // A bad record fails the build with its file, record and field.
    loader: () => {
      const { providers, problems } = loadProviderFiles(`${contentDir}/providers`);
      if (problems.length > 0)
        throw new Error(`Invalid provider data:\n${formatProblems(problems)}`);
      return providers;
    },
    schema: providerSchema,
  }),
  claims: defineCollection({
    // Statements of law with their article and confidence; a bad entry fails the build.
    loader: () => {
      const { claims, problems } = loadClaimFiles(`${contentDir}/legal/claims`);
      if (problems.length > 0)
        throw new Error(
          `Invalid legal claims:\n${problems.map((p) => `${p.file}: ${p.message}`).join("\n")}`,
        );
      return claims;
    },
    schema: legalClaimSchema,
  }),
  legal: defineCollection({
    loader: file(`${contentDir}/legal/sources.yaml`),
    schema: legalSourceSchema,
  }),
};
