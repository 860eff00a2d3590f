/**
 * The one import rule (README, "How it is built"): the Worker and the islands import only from
 * site/src/core and their own folders; core imports only core (and JSON data); scripts take
 * from site/ only what core offers, from tests/ only the fixtures (plain data the benchmark
 * submits too), and never reach into functions/. ESLint reports
 * every import that crosses a line, with the line it crosses.
 */
import { dirname, relative, resolve } from "node:path";
import type { Rule } from "eslint";

const root = resolve(import.meta.dirname, "../..");
const core = "site/src/core/";

interface Zone {
  /** Files this zone covers (path from the project root). */
  files: string;
  /** Where their relative imports may point. */
  allow: (target: string) => boolean;
  /** Packages they may not import. */
  forbidPackages?: RegExp;
  rule: string;
}

const data = (target: string) =>
  target.endsWith(".json") &&
  (target.startsWith("site/content/") || target.startsWith("site/src/i18n/strings/"));

const zones: Zone[] = [
  {
    files: core,
    allow: (t) => t.startsWith(core) || data(t),
    forbidPackages: /^(node:|astro(:|\/|$)|preact|hono)/,
    rule: "core imports only core and JSON data, nothing from astro:*, node:*, preact or hono",
  },
  {
    files: "functions/",
    allow: (t) => t.startsWith("functions/") || t.startsWith(core),
    forbidPackages: /^(astro(:|\/|$)|preact)/,
    rule: "the Worker imports only from functions/ and site/src/core",
  },
  {
    files: "site/src/islands/",
    allow: (t) => t.startsWith("site/src/islands/") || t.startsWith(core),
    forbidPackages: /^(node:|astro(:|\/|$)|hono)/,
    rule: "islands import only from site/src/islands and site/src/core",
  },
  {
    files: "scripts/",
    allow: (t) =>
      (t.startsWith("tests/fixtures/") || !/^(tests|functions)\//.test(t)) &&
      (!t.startsWith("site/") || t.startsWith(core)),
    rule: "scripts take from site/ only site/src/core, from tests/ only its fixtures (data), and nothing from functions/",
  },
  {
    files: "tests/worker/",
    allow: (t) => !t.startsWith("scripts/"),
    rule: "Worker tests run in workerd: they import the Worker, core and their fixtures, not scripts/",
  },
];

const rule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: { description: "Keep imports within the project's boundaries" },
    schema: [],
  },
  create(context) {
    const file = relative(root, context.filename).split("\\").join("/");
    const zone = zones.find((z) => file.startsWith(z.files));
    if (!zone) return {};
    const check = (node: Rule.Node, source: unknown) => {
      if (typeof source !== "string") return;
      if (source.startsWith(".")) {
        const target = relative(root, resolve(dirname(context.filename), source))
          .split("\\")
          .join("/");
        if (!zone.allow(target))
          context.report({ node, message: `"${source}" crosses a boundary: ${zone.rule}.` });
      } else if (zone.forbidPackages?.test(source)) {
        context.report({ node, message: `"${source}" is not allowed here: ${zone.rule}.` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) =>
        check(node, node.source.type === "Literal" ? node.source.value : undefined),
    };
  },
};

export default { rules: { imports: rule } };
