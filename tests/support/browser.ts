/**
 * One Chromium per test file, against the Worker that tests/support/serve-built-site.ts started:
 * `const { baseUrl, newContext } = chromiumPerFile();` then `await newContext()` in a test.
 */
import { afterAll, beforeAll, inject } from "vitest";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { launchChromium, trackedContext } from "../../scripts/lib/chromium.ts";

export function chromiumPerFile() {
  const baseUrl = inject("baseUrl");
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    baseUrl,
    newContext: (options: BrowserContextOptions = {}) => trackedContext(browser!, baseUrl, options),
  };
}
