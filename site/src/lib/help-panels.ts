/**
 * Help panels by situation (issue 17, after FRANK's "worried about…" panels): which guides each
 * situation leads to, in reading order. One list, used by the home page and the guides index;
 * tests/unit/help-panels.test.ts checks every slug exists in Vietnamese.
 */
export const helpPanels = [
  {
    id: "stop",
    guides: [
      "treatment-options",
      "admitting-drug-use",
      "who-will-know",
      "methadone-in-practice",
      "methamphetamine-treatment",
    ],
  },
  {
    id: "child",
    guides: [
      "for-families",
      "under-18s",
      "who-will-know",
      "admitting-drug-use",
      "methamphetamine-treatment",
    ],
  },
  {
    id: "adult",
    guides: [
      "adult-refuses-treatment",
      "for-families",
      "treatment-options",
      "no-id-or-interpreter",
      "compulsory-treatment-rights",
    ],
  },
  {
    id: "in-treatment",
    guides: [
      "home-treatment-day-to-day",
      "life-in-a-facility",
      "methadone-in-practice",
      "after-a-relapse",
      "after-treatment",
    ],
  },
  {
    id: "emergency",
    guides: ["emergencies", "calling-115", "hiv-hepatitis-harm-reduction"],
  },
] as const satisfies readonly { id: string; guides: readonly string[] }[];
