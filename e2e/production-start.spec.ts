/**
 * `npm start` (next start) on a real network's configuration: a bad environment stops the server
 * as it boots, with the message naming the setting (instrumentation.ts → lib/env.ts), before it
 * serves anything.
 */
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { APP_PORT } from "../playwright.config";

const MAINNET = {
  NETWORK: "base",
  SITE_URL: "https://paywall.example",
  PAY_TO: "0x1111111111111111111111111111111111111111",
  ADMIN_ADDRESSES: "0x2222222222222222222222222222222222222222",
  AUTH_SECRET: "a-production-secret-of-at-least-32-characters",
  FACILITATOR_URL: "https://facilitator.example",
  DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
};

/** Runs `next start` with `env` until it exits (or 30 s pass): its exit code and output. */
function nextStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/next", ["start", "-p", String(APP_PORT + 1)], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

for (const [name, override, message] of [
  ["a missing setting", { AUTH_SECRET: "" }, "NETWORK=base needs AUTH_SECRET"],
  ["anvil's public account as PAY_TO", { PAY_TO: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" }, "PAY_TO is anvil's public test account #9"],
  ["a local RPC on mainnet", { RPC_URL: "http://127.0.0.1:8545" }, "RPC_URL (http://127.0.0.1:8545) is a chain on this machine"],
  ["an http site on mainnet", { SITE_URL: "http://paywall.example" }, "SITE_URL (http://paywall.example) must be https"],
] as const) {
  test(`next start refuses to start with ${name}, saying which setting`, async () => {
    const { code, output } = await nextStart({ ...MAINNET, ...override });
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output).toContain("The server did not start.");
  });
}
