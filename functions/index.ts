/**
 * Worker entry: HTTP requests go to the Hono app; the delivery queue (and its dead-letter queue)
 * to the delivery consumer; the Cron Trigger to the sweep.
 */
import { app } from "./app.ts";
import type { Env } from "./env.ts";
import type { DeliveryMessage } from "./delivery/enqueue.ts";
import { handleDeliveryBatch } from "./delivery/consumer.ts";
import { sweep } from "./delivery/sweep.ts";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env) => handleDeliveryBatch(batch, env),
  scheduled: async (_controller, env, ctx) => {
    ctx.waitUntil(
      sweep(env).then((report) => console.log(JSON.stringify({ event: "sweep", ...report }))),
    );
  },
} satisfies ExportedHandler<Env, DeliveryMessage>;
