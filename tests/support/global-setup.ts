/**
 * Starts one anvil for the whole integration run (fresh chain: TestUSDC deployed, accounts #1–#9
 * funded, Multicall3 in place) and hands its RPC URL to the test files.
 */
import type { TestProject } from "vitest/node";
import { startAnvil } from "../../lib/chain/anvil";
import { setupLocalChain } from "../../lib/chain/local";

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const anvil = await startAnvil({ port: 0 });
  await setupLocalChain(anvil.rpcUrl);
  project.provide("rpcUrl", anvil.rpcUrl);
  return () => anvil.stop();
}
