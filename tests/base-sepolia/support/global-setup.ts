/**
 * Base Sepolia, offline: an anvil with Base Sepolia's chain id, TestUSDC at Base Sepolia's real USDC
 * address (same EIP-712 domain, "USDC"/"2"), Multicall3, USDC for payers #2–#8, and ETH for a fresh
 * facilitator key (outside local mode the app refuses anvil's public key #0). The database is the
 * local project's (see ../../support/database.ts). Test files get all of it through `inject`.
 */
import { createTestClient, http, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { TestProject } from "vitest/node";
import { anvilAddress, PAYER_ACCOUNTS } from "../../../lib/local-defaults";
import { startAnvil } from "../../../lib/chain/anvil";
import { placeTestUsdc } from "../../../lib/chain/local";
import { NETWORKS } from "../../../lib/networks";
import { createTestDatabase } from "../../support/database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Base Sepolia project's facilitator key: new for every run, with ETH for gas. */
    facilitatorPrivateKey: `0x${string}`;
  }
}

export default async function setup(project: TestProject) {
  const network = NETWORKS["base-sepolia"];
  const anvil = await startAnvil({ port: 0, chainId: network.chainId });
  await placeTestUsdc(anvil.rpcUrl, network, PAYER_ACCOUNTS.map(anvilAddress));
  const facilitatorKey = generatePrivateKey();
  await createTestClient({ mode: "anvil", transport: http(anvil.rpcUrl) }).setBalance({
    address: privateKeyToAccount(facilitatorKey).address,
    value: parseEther("10"),
  });
  project.provide("rpcUrl", anvil.rpcUrl);
  project.provide("facilitatorPrivateKey", facilitatorKey);

  const database = await createTestDatabase();
  project.provide("databaseUrl", database?.url);

  return async () => {
    await anvil.stop();
    await database?.drop();
  };
}
