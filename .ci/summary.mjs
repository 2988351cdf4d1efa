// Prints the one line CI reads: "N passed, N failed", from the JSON reports vitest and Playwright
// wrote to .ci/results/. A failing step that ran no test (install, typecheck, lint, build) counts
// as one failure, so a red run never reads "0 failed".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const exitStatus = Number(process.argv[2] ?? 0);
const dir = path.join(path.dirname(new URL(import.meta.url).pathname), "results");

let passed = 0;
let failed = 0;
let files = [];
try {
  files = readdirSync(dir).filter((name) => name.endsWith(".json"));
} catch {
  // no reports: nothing ran
}
for (const name of files) {
  const report = JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  if (report.stats && "expected" in report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
  } else {
    // vitest (jest-compatible JSON)
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests || report.numFailedTestSuites || 0;
  }
}
if (exitStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
