/**
 * The security headers every response carries, static or dynamic. The static site gets them
 * from dist/_headers (written at build by scripts/build/security-headers.ts with the hashes of
 * the few inline scripts Astro emits); Worker responses get them from here.
 */

/** Allow only this origin; inline code only when its hash is listed. */
export function contentSecurityPolicy(
  scriptHashes: string[] = [],
  styleHashes: string[] = [],
  extra: { scriptSrc?: string[]; frameSrc?: string[]; connectSrc?: string[] } = {},
): string {
  const list = (items: string[]) => items.join(" ");
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the search index's WebAssembly compile; JavaScript eval stays forbidden.
    `script-src ${list(["'self'", "'wasm-unsafe-eval'", ...scriptHashes.map((h) => `'${h}'`), ...(extra.scriptSrc ?? [])])}`,
    `style-src ${list(["'self'", ...styleHashes.map((h) => `'${h}'`)])}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${list(["'self'", ...(extra.connectSrc ?? [])])}`,
    `frame-src ${extra.frameSrc?.length ? list(extra.frameSrc) : "'none'"}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Only geolocation (the finder's "near me", computed on the device) is allowed, and only here. */
export const permissionsPolicy = [
  "geolocation=(self)",
  "camera=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "autoplay=()",
  "encrypted-media=()",
  "fullscreen=(self)",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "sync-xhr=()",
  "xr-spatial-tracking=()",
  "browsing-topics=()",
].join(", ");

export const hsts = "max-age=63072000; includeSubDomains";

/** Headers for every response except the CSP, which depends on the response. */
export const baseSecurityHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": permissionsPolicy,
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** The policy for API (JSON) responses: nothing may load from them. */
export const apiContentSecurityPolicy =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
