// `npm run test:integration`: the integration suite on PGlite, then again on PostgreSQL when
// TEST_DATABASE_URL names a server (each pass creates its own database there and drops it).
// Each pass runs the local-chain project, the same app on a remote facilitator, then with its
// chain connection cut, then the Base Sepolia one (offline, on its own anvil);
// each in its own process, as the app reads its configuration once per process.
import { spawnSync } from "node:child_process";

const PROJECTS = [
  ["integration", "local chain"],
  ["integration-remote-facilitator", "remote (CDP) facilitator"],
  ["integration-faults", "chain connection faults"],
  ["integration-base-sepolia", "Base Sepolia (offline)"],
];

function pass(database) {
  for (const [project, label] of PROJECTS) {
    console.log(`\n── integration tests, ${label}, on ${database === "postgres" ? "PostgreSQL" : "PGlite"} ──`);
    const result = spawnSync("npx", ["vitest", "run", "--project", project], {
      stdio: "inherit",
      env: { ...process.env, INTEGRATION_DATABASE: database },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

pass("pglite");
if (process.env.TEST_DATABASE_URL) pass("postgres");
else console.log("\nTEST_DATABASE_URL is not set: skipping the PostgreSQL pass.");
