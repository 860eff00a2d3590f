/** Browser tests never skip: without Chromium they fail, and say how to install it. */
import { describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/lib/chromium.ts";

describe("launching Chromium", () => {
  it("fails with the install command when Chromium is missing", async () => {
    await expect(launchChromium("/nonexistent/chromium")).rejects.toThrow(
      /Chromium is missing at \/nonexistent\/chromium\. Install Debian's package: sudo apt-get update && sudo apt-get install -y chromium/,
    );
  });
});
