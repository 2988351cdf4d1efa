/**
 * Starts one anvil for the whole integration run (fresh chain: TestUSDC deployed, accounts #1–#9
 * funded, Multicall3 in place) and, for the PostgreSQL pass, a fresh database on the server named
 * by TEST_DATABASE_URL (dropped afterwards). Test files get both through `inject`.
 */
import type { TestProject } from "vitest/node";
import { startAnvil } from "../../lib/chain/anvil";
import { setupLocalChain } from "../../lib/chain/local";
import { createTestDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    /** A throwaway PostgreSQL database for this run, when the run targets PostgreSQL. */
    databaseUrl: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  const anvil = await startAnvil({ port: 0 });
  await setupLocalChain(anvil.rpcUrl);
  project.provide("rpcUrl", anvil.rpcUrl);

  const database = await createTestDatabase();
  project.provide("databaseUrl", database?.url);

  return async () => {
    await anvil.stop();
    await database?.drop();
  };
}
