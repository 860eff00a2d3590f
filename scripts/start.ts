/**
 * `npm start`: builds the site and its search index, applies the D1 migrations locally, sets up
 * the demo offices, and serves everything from one Worker on http://127.0.0.1:8787.
 * No account and no network: wrangler runs with telemetry, update checks and the Request.cf
 * fetch turned off.
 */
import { build } from "./build.ts";
import { applyMigrations, startWorker } from "./lib/dev-server.ts";
import { seedDemo } from "./demo/seed.ts";

const port = Number(process.env.PORT ?? 8787);

await build();
await applyMigrations();
const demo = await seedDemo({});
const worker = await startWorker({
  port,
  quiet: true,
  vars: { SITE_URL: `http://127.0.0.1:${port}` },
});
console.log(`
Lối Về is running at ${worker.url}/
  Vietnamese ${worker.url}/vi/   English ${worker.url}/en/   Register ${worker.url}/vi/register/

Demo office inbox: ${worker.url}/vi/office/
  Key files: ${Object.values(demo.officeKeyFiles).join(", ")}
  Province sign-in key files (figures only): ${Object.values(demo.provinceKeyFiles).join(", ")}
  Province offline key files (recovery; the command line only): ${Object.values(demo.offlineKeyFiles).join(", ")}
  Passphrase (all demo key files): ${demo.passphrase}
  Key file for another commune: npm run offices -- demo-keyfile --commune <code>
Notifications sent (local outbox): ${worker.url}/vi/office/outbox/

Press Ctrl+C to stop.`);
const shutdown = () => {
  void worker.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
