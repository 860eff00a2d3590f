/**
 * One example page of every page template, by path under the language prefix. The axe layer
 * checks each of them in every language; other browser tests pick from here too.
 */
export const pageTemplates: Record<string, string> = {
  home: "",
  "guides index": "guides/",
  guide: "guides/how-to-register/",
  "information page": "about/",
  essentials: "essentials/",
  privacy: "privacy/",
  "translation status": "translations/",
  "report a mistake": "report/",
  "not found": "this-page-does-not-exist/",
};
