/**
 * Body size limits hold however a body is sent: also in chunks with no Content-Length, where
 * only counting the bytes as they arrive can stop it (the Worker stops reading at the limit).
 */
import { describe, expect, it } from "vitest";
import { adult, count, origin, request } from "./support.ts";

/** A body streamed in 1 KiB chunks, with no Content-Length; counts how much was pulled. */
function chunked(text: string) {
  const bytes = new TextEncoder().encode(text);
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= bytes.length) return controller.close();
      const chunk = bytes.slice(pulled.bytes, pulled.bytes + 1024);
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

async function postChunked(path: string, text: string) {
  const { stream, pulled } = chunked(text);
  const init = {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: stream,
  };
  expect(new Request(`${origin}${path}`, init).headers.get("Content-Length")).toBeNull();
  return { res: await request(path, init), pulled };
}

describe("a body sent in chunks without Content-Length", () => {
  it("over the registration limit (16 KiB) → 413, read no further, nothing stored", async () => {
    const before = await count("registrations");
    const huge = JSON.stringify(adult({ addressDetail: "x".repeat(1_000_000) }));
    const { res, pulled } = await postChunked("/api/registrations", huge);
    expect(res.status).toBe(413);
    expect((await res.json<{ error: string }>()).error).toBe("body-too-large");
    expect(pulled.bytes).toBeLessThan(64 * 1024);
    expect(await count("registrations")).toBe(before);
  });

  it("over the office API limit (8 KiB) → 413, read no further", async () => {
    const body = JSON.stringify({ kind: "office", id: "x".repeat(1_000_000) });
    const { res, pulled } = await postChunked("/api/office/session", body);
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThan(64 * 1024);
  });

  it("within the limit → read whole and handled", async () => {
    const before = await count("feedback");
    const body = JSON.stringify({ lang: "vi", page: "/vi/", message: "Một lỗi nhỏ trên trang." });
    const { res } = await postChunked("/api/feedback", body);
    expect(res.status).toBe(201);
    expect(await count("feedback")).toBe(before + 1);
  });
});
