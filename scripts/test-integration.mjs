// `npm run test:integration`: the integration suite on PGlite, then again on PostgreSQL when
// TEST_DATABASE_URL names a server (each pass creates its own database there and drops it).
import { spawnSync } from "node:child_process";

function pass(database) {
  console.log(`\n── integration tests on ${database === "postgres" ? "PostgreSQL" : "PGlite"} ──`);
  const result = spawnSync("npx", ["vitest", "run", "--project", "integration"], {
    stdio: "inherit",
    env: { ...process.env, INTEGRATION_DATABASE: database },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

pass("pglite");
if (process.env.TEST_DATABASE_URL) pass("postgres");
else console.log("\nTEST_DATABASE_URL is not set: skipping the PostgreSQL pass.");
