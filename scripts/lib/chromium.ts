/**
 * Debian's Chromium driven by playwright-core. Missing Chromium fails loudly with the install
 * command: browser tests never skip. Every request to another origin fails (host resolver
 * rules) and is recorded, so a test can assert the page made none.
 */
import { existsSync } from "node:fs";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type BrowserContextOptions,
} from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(executablePath = chromiumPath): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is missing at ${executablePath}. Install Debian's package: ` +
        "sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).",
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
}

export interface TrackedContext {
  context: BrowserContext;
  /** Every request the pages made to another origin. */
  foreignRequests: string[];
  newPage: () => Promise<Page>;
}

export async function trackedContext(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
): Promise<TrackedContext> {
  const context = await browser.newContext({ baseURL: baseUrl, ...options });
  const origin = new URL(baseUrl).origin;
  const foreignRequests: string[] = [];
  context.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) foreignRequests.push(url);
  });
  return { context, foreignRequests, newPage: () => context.newPage() };
}
