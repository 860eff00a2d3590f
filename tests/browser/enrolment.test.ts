/**
 * An office's first sign-in in Chromium: the province prints a one-time code (the real tool); the
 * inbox makes the key pair on this device, saves the key file, sends only the public halves and
 * prints the handover sheet with the fingerprint the province will check. The key file it saved
 * opens with the passphrase it showed, and D1 holds the same fingerprint and no private key.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { chromiumPerFile } from "../support/browser.ts";
import { projectRoot } from "../../scripts/lib/run.ts";
import { d1Query } from "../../scripts/lib/d1.ts";
import { openKeyFile, parseKeyFile } from "../../site/src/core/domain/crypto/keyfile.ts";

const { newContext } = chromiumPerFile();
const stateDir = inject("stateDir");

function offices(args: string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [
        "scripts/offices.ts",
        ...args,
        "--persist-to",
        stateDir,
        "--keys-dir",
        join(stateDir, "keys"),
      ],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          PATH: `${join(projectRoot, "node_modules/.bin")}:${process.env.PATH}`,
        },
      },
      (error, stdout, stderr) => (error ? fail(new Error(stderr)) : done(stdout)),
    ),
  );
}

describe("enrolment on the office's own device", () => {
  it("makes the keys in the inbox, saves the key file, and shows the fingerprint to hand over", async () => {
    const out = await offices([
      "enroll",
      "--province",
      "11",
      "--point",
      "--email",
      "tinh@example.org",
    ]);
    const code = out.match(/Enrolment code: (\S+)/)![1]!;
    const tracked = await newContext({ acceptDownloads: true });
    const page = await tracked.newPage();
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posted.push(r.postData() ?? "");
    });
    await page.goto("/vi/office/");
    await page.getByText("Lần đầu đăng nhập? Tạo khóa cho nơi tiếp nhận").click();
    await page.getByLabel("Mã đăng ký một lần").fill(code.toLowerCase());
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tạo khóa trên máy này" }).click(),
    ]);
    await page.locator("[data-enrolled]").waitFor();
    const fingerprint = (await page.locator("[data-fingerprint]").textContent())!;
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const passphrase = (await page.locator("[data-passphrase]").textContent())!;
    expect(download.suggestedFilename()).toBe("province-11-point.key.json");
    const file = parseKeyFile(readFileSync((await download.path())!, "utf8"));
    const keys = (await openKeyFile(file, passphrase)).keys;
    expect(keys[0]!.encryption!.d).toBeTruthy(); // the private key is in the file, on this device
    // Only public halves left the browser.
    expect(posted.join("\n")).not.toContain('"d"');
    const [row] = await d1Query<{ fingerprint: string; encryption_jwk: string }>(
      { persistTo: stateDir },
      "SELECT fingerprint, encryption_jwk FROM office_enrolments WHERE office_id = 'province-11-point'",
    );
    expect(row!.fingerprint).toBe(fingerprint);
    expect(JSON.parse(row!.encryption_jwk).d).toBeUndefined();
    expect(tracked.foreignRequests).toEqual([]);
    await tracked.context.close();
  }, 90_000);
});
