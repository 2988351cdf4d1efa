/**
 * Runs before every integration file, before the app's modules load: points the app's config
 * (lib/env.ts) at the run's anvil and a database. PGlite in memory by default; the PostgreSQL
 * server when TEST_DATABASE_URL is set.
 */
import { inject } from "vitest";

const setDefault = (name: string, value: string) => {
  process.env[name] ??= value;
};

process.env.NETWORK = "local";
process.env.RPC_URL = inject("rpcUrl");
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
else setDefault("PGLITE_DIR", "memory://");
setDefault("AUTH_SECRET", "integration-tests-secret-0123456789abcdef");
setDefault("SITE_URL", "http://paywall.test");
