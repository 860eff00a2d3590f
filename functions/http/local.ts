/**
 * Whether this Worker is the local development one: the development environment AND a request
 * addressed to this machine. A Worker deployed without `--env production` keeps ENVIRONMENT =
 * "development", but its requests arrive under a public host name, so it is not local.
 */
export function isLocal(env: { ENVIRONMENT?: string }, requestUrl: string): boolean {
  if (env.ENVIRONMENT !== "development") return false;
  const host = new URL(requestUrl).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}
