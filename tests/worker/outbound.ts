/**
 * What the Worker reaches beyond Cloudflare in tests, served from this machine (nothing leaves
 * it): Turnstile's siteverify, answering as Cloudflare documents for its test keys (the dummy
 * token passes, anything else fails), and a webhook receiver that a test can make fail.
 */
interface WebhookState {
  failNext: number;
  failStatus: number;
  received: { deliveryId: string; signature: string; timestamp: string; body: string }[];
}
const webhook: WebhookState = { failNext: 0, failStatus: 503, received: [] };

export async function outbound(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === "challenges.cloudflare.com" && url.pathname === "/turnstile/v0/siteverify") {
    const form = new URLSearchParams(await request.text());
    return Response.json({ success: form.get("response") === "XXXX.DUMMY.TOKEN.XXXX" });
  }
  if (url.hostname === "webhook.test") {
    if (url.pathname === "/control") {
      webhook.failNext = Number(url.searchParams.get("failNext") ?? 0);
      webhook.failStatus = Number(url.searchParams.get("status") ?? 503);
      if (url.searchParams.has("reset")) webhook.received = [];
      return Response.json({ ok: true });
    }
    if (url.pathname === "/received") return Response.json(webhook.received);
    // A receiver that moved: the Worker must not follow it (redirect: "manual").
    if (url.pathname === "/redirect")
      return new Response(null, {
        status: 302,
        headers: { Location: "https://webhook.test/receive" },
      });
    if (webhook.failNext !== 0) {
      if (webhook.failNext > 0) webhook.failNext--;
      return new Response("down", { status: webhook.failStatus });
    }
    webhook.received.push({
      deliveryId: request.headers.get("X-LoiVe-Delivery") ?? "",
      signature: request.headers.get("X-LoiVe-Signature") ?? "",
      timestamp: request.headers.get("X-LoiVe-Timestamp") ?? "",
      body: await request.text(),
    });
    return new Response("ok");
  }
  return new Response(`no outbound network in tests: ${url.origin}`, { status: 502 });
}
