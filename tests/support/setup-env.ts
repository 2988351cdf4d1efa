/**
 * Runs before every integration file, before the app's modules load: points the app's config
 * (lib/env.ts) at the run's anvil and database — PGlite in memory, or the run's fresh PostgreSQL
 * database (see global-setup.ts).
 */
import { inject } from "vitest";
import { pointAtTestDatabase } from "./database";

process.env.NETWORK = "local";
process.env.RPC_URL = inject("rpcUrl");
// Settlement stays in-process on the run's anvil, whatever the shell says.
for (const name of ["FACILITATOR_URL", "FACILITATOR_PRIVATE_KEY", "CDP_API_KEY_ID", "CDP_API_KEY_SECRET"]) delete process.env[name];
// The bench routes stay off (tests/bench-routes.test.ts checks that they answer 404).
delete process.env.BENCH_ROUTES;
pointAtTestDatabase(inject("databaseUrl"));
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.SITE_URL ??= "http://paywall.test";
