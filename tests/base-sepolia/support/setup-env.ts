/**
 * Runs before every Base Sepolia integration file, before the app's modules load: the app configured
 * as a Base Sepolia deployment (no local-mode defaults), settling on the project's anvil with its
 * own facilitator key (see global-setup.ts), on the run's database.
 */
import { inject } from "vitest";
import { anvilAddress, DEV_WALLET_ACCOUNT, PAY_TO_ACCOUNT } from "@/lib/chain/accounts";
import { pointAtTestDatabase } from "../../support/database";

process.env.NETWORK = "base-sepolia";
process.env.RPC_URL = inject("rpcUrl");
process.env.FACILITATOR_PRIVATE_KEY = inject("facilitatorPrivateKey");
// Settlement must stay on the anvil, whatever the shell says.
delete process.env.FACILITATOR_URL;
process.env.PAY_TO = anvilAddress(PAY_TO_ACCOUNT);
process.env.ADMIN_ADDRESSES = anvilAddress(DEV_WALLET_ACCOUNT);
process.env.AUTH_SECRET = "base-sepolia-integration-secret-0123456789abcdef";
process.env.SITE_URL = "http://paywall.test";
pointAtTestDatabase(inject("databaseUrl"));
