/**
 * Starts one anvil for the whole integration run (fresh chain: TestUSDC deployed, accounts #1–#9
 * funded, Multicall3 in place) and, for the PostgreSQL pass, a fresh database on the server named
 * by TEST_DATABASE_URL (dropped afterwards). Test files get both through `inject`.
 */
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startAnvil } from "../../lib/chain/anvil";
import { setupLocalChain } from "../../lib/chain/local";

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    /** A throwaway PostgreSQL database for this run, when the run targets PostgreSQL. */
    databaseUrl: string | undefined;
  }
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `x402_test_${Date.now()}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject) {
  const anvil = await startAnvil({ port: 0 });
  await setupLocalChain(anvil.rpcUrl);
  project.provide("rpcUrl", anvil.rpcUrl);

  const serverUrl = process.env.INTEGRATION_DATABASE === "postgres" ? process.env.TEST_DATABASE_URL : undefined;
  const database = serverUrl ? await createDatabase(serverUrl) : undefined;
  project.provide("databaseUrl", database?.url);

  return async () => {
    await anvil.stop();
    await database?.drop();
  };
}
