/**
 * Runs before every Base Sepolia integration file, before the app's modules load: the app configured
 * as a Base Sepolia deployment (no local-mode defaults), settling on the project's anvil with its
 * own facilitator key (see global-setup.ts), on the run's database.
 */
import { keccak256, stringToHex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { inject } from "vitest";
import { pointAtTestDatabase } from "../../support/database";

/** Addresses of our own, as a real deployment has: anvil's public accounts are refused outside local mode. */
const ownAddress = (role: string) => privateKeyToAddress(keccak256(stringToHex(`x402-paywall base-sepolia tests: ${role}`)));

process.env.NETWORK = "base-sepolia";
process.env.RPC_URL = inject("rpcUrl");
process.env.FACILITATOR_PRIVATE_KEY = inject("facilitatorPrivateKey");
// Settlement must stay on the anvil, whatever the shell says.
delete process.env.FACILITATOR_URL;
process.env.PAY_TO = ownAddress("publisher");
process.env.ADMIN_ADDRESSES = ownAddress("admin");
delete process.env.CDP_API_KEY_ID;
delete process.env.CDP_API_KEY_SECRET;
// Refused outside the local chain: a shell that set it for `npm run bench` must not fail these tests.
delete process.env.BENCH_ROUTES;
process.env.AUTH_SECRET = "base-sepolia-integration-secret-0123456789abcdef";
process.env.SITE_URL = "http://paywall.test";
pointAtTestDatabase(inject("databaseUrl"));
