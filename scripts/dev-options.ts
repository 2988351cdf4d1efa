/** The flags of `npm run dev` and `npm run start:local` (scripts/dev.ts), read without starting anything. */
import { parseArgs } from "node:util";

export interface DevOptions {
  production: boolean;
  port: string;
  hostname: string;
  fresh: boolean;
}

export function parseDevOptions(args: string[], env: Record<string, string | undefined>): DevOptions {
  const { values } = parseArgs({
    args,
    options: {
      production: { type: "boolean", default: false },
      port: { type: "string", default: env.PORT ?? "3000" },
      // Loopback unless asked: local mode signs with public anvil keys and, without AUTH_SECRET,
      // admin sessions with a public secret; anyone on the network could use both. "localhost", not
      // "127.0.0.1": Next renders a proxy rewrite (the teaser page under 402) as a request to
      // localhost, and proxies it over HTTP — failing — when the server was bound to an explicit IP.
      hostname: { type: "string", default: env.HOST ?? "localhost" },
      fresh: { type: "boolean", default: false },
    },
  });
  return values;
}

export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
