import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineHashes } from "../../scripts/build/security-headers.ts";
import { contentSecurityPolicy } from "../../site/src/core/security-headers.ts";

describe("content security policy", () => {
  it("hashes inline scripts and styles, not external ones", () => {
    const html = `<script>a()</script><script src="/x.js"></script><style>b{}</style>`;
    const sha = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;
    expect(inlineHashes(html)).toEqual({ scripts: [sha("a()")], styles: [sha("b{}")] });
  });

  it("allows only this origin and forbids framing", () => {
    const csp = contentSecurityPolicy(["sha256-abc"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:/); // 'wasm-unsafe-eval' is only WebAssembly
  });
});
