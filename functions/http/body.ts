/**
 * Reading a request body safely, as middleware: a same-origin check (the browser's Origin /
 * Sec-Fetch-Site headers), the allowed content types, and a size limit counted on the bytes as
 * they arrive, so that a body sent in chunks without a Content-Length is limited too. A refusal
 * is thrown as a RequestProblem and answered by the app's error handler (http/problems.ts).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { langOr } from "./i18n.ts";

export type FormFields = Record<string, string | string[]>;

export class RequestProblem extends Error {
  constructor(
    readonly status: 400 | 403 | 413 | 415 | 429,
    readonly code: string,
  ) {
    super(code);
  }
}

export interface ParsedBody {
  kind: "form" | "json";
  fields: FormFields;
  /** A JSON-only route's object as sent (nested values included), for its own schema to check. */
  value?: Record<string, unknown>;
}

const formTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Whether a submission comes from this site. Browsers say so in Sec-Fetch-Site; with our
 * `Referrer-Policy: no-referrer` they send `Origin: null` on form posts, so Origin decides only
 * when it names an origin. Older browsers that send neither are let through: the public forms
 * carry no credentials to abuse, and the office API also requires its SameSite=Strict cookie.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null") return origin === new URL(request.url).origin;
  return true;
}

/** Reads at most `limit` bytes of the body; a longer body is refused without reading the rest. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) throw new RequestProblem(413, "body-too-large");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new RequestProblem(413, "body-too-large");
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(all);
}

function jsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestProblem(400, "malformed-body");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new RequestProblem(400, "malformed-body");
  return value as Record<string, unknown>;
}

/** The answers of a JSON form: strings, lists of strings, numbers and booleans as text. */
function jsonFields(value: Record<string, unknown>): FormFields {
  const fields: FormFields = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string") fields[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) fields[k] = v as string[];
    else if (typeof v === "number" || typeof v === "boolean") fields[k] = String(v);
    else throw new RequestProblem(400, "malformed-body");
  }
  return fields;
}

function collect(entries: [string, string][]): FormFields {
  const fields: FormFields = {};
  for (const [k, v] of entries) {
    const existing = fields[k];
    if (existing === undefined) fields[k] = v;
    else fields[k] = Array.isArray(existing) ? [...existing, v] : [existing, v];
  }
  return fields;
}

/**
 * What a route accepts: HTML forms, JSON, or both (the public API serves browsers and scripts).
 * A form's answers arrive as `fields`; a JSON-only route (the office API) gets its object as
 * `value`, for its own schema.
 */
export type Accepts = "form" | "json" | "form-or-json";

async function readBody(request: Request, limit: number, accepts: Accepts): Promise<ParsedBody> {
  if (!isSameOrigin(request)) throw new RequestProblem(403, "cross-origin");
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const isJson = type === "application/json";
  if (isJson ? accepts === "form" : !formTypes.includes(type) || accepts === "json")
    throw new RequestProblem(415, "unsupported-content-type");
  let text: string;
  try {
    text = await readLimited(request, limit);
  } catch (e) {
    if (e instanceof RequestProblem) throw e;
    throw new RequestProblem(400, "malformed-body");
  }
  if (isJson && accepts === "json") return { kind: "json", fields: {}, value: jsonObject(text) };
  if (isJson) return { kind: "json", fields: jsonFields(jsonObject(text)) };
  if (type === "multipart/form-data") {
    // Rebuild the request from the bytes already read (the limit is enforced above).
    const form = await new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body: text,
    })
      .formData()
      .catch(() => {
        throw new RequestProblem(400, "malformed-body");
      });
    return {
      kind: "form",
      fields: collect([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""])),
    };
  }
  return { kind: "form", fields: collect([...new URLSearchParams(text).entries()]) };
}

/**
 * Middleware: reads the body into `c.var.body`. On the API, whose paths carry no language, the
 * body's `lang` field sets the reader's language.
 */
export function parseBody(limit: number, accepts: Accepts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const parsed = await readBody(c.req.raw, limit, accepts);
    c.set("body", parsed);
    if (c.req.path.startsWith("/api/")) c.set("lang", langOr(field(parsed.fields, "lang")));
    await next();
  };
}

/** Every value of a field (a checkbox list), in order. */
export function fieldList(fields: FormFields, name: string): string[] {
  const v = fields[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The single value of a field ("" when absent; the first when repeated). */
export function field(fields: FormFields, name: string): string {
  const v = fields[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}
