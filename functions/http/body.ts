/**
 * Reading a submitted form safely: a size limit, the allowed content types, and a same-origin
 * check (the browser's Origin / Sec-Fetch-Site headers), before anything is parsed.
 */
export type FormFields = Record<string, string | string[]>;

export class RequestProblem extends Error {
  constructor(
    readonly status: 400 | 403 | 413 | 415,
    readonly code: string,
  ) {
    super(code);
  }
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

export interface ParsedBody {
  kind: "form" | "json";
  fields: FormFields;
}

export async function readBody(
  request: Request,
  limit: number,
  options: { allowJson: boolean },
): Promise<ParsedBody> {
  if (!isSameOrigin(request)) throw new RequestProblem(403, "cross-origin");
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const isJson = type === "application/json";
  if (!formTypes.includes(type) && !(isJson && options.allowJson))
    throw new RequestProblem(415, "unsupported-content-type");
  let text: string;
  try {
    text = await readLimited(request, limit);
  } catch (e) {
    if (e instanceof RequestProblem) throw e;
    throw new RequestProblem(400, "malformed-body");
  }
  if (isJson) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new RequestProblem(400, "malformed-body");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new RequestProblem(400, "malformed-body");
    const fields: FormFields = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string") fields[k] = v;
      else if (Array.isArray(v) && v.every((x) => typeof x === "string")) fields[k] = v as string[];
      else if (typeof v === "number" || typeof v === "boolean") fields[k] = String(v);
      else throw new RequestProblem(400, "malformed-body");
    }
    return { kind: "json", fields };
  }
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

function collect(entries: [string, string][]): FormFields {
  const fields: FormFields = {};
  for (const [k, v] of entries) {
    const existing = fields[k];
    if (existing === undefined) fields[k] = v;
    else fields[k] = Array.isArray(existing) ? [...existing, v] : [existing, v];
  }
  return fields;
}

/** The single value of a field ("" when absent; the first when repeated). */
export function field(fields: FormFields, name: string): string {
  const v = fields[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}
