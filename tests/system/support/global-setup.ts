/**
 * The system suite runs against the production build as users meet it: `npm run start:local --
 * --fresh --production` (TestUSDC on a throwaway anvil, a fresh PGlite, `next start`), on ports of
 * its own. The site reaches its chain through an RPC relay the fault tests can cut; test files get
 * the site's URL, the chain's (direct) and the relay's through `inject`.
 */
import type { TestProject } from "vitest/node";
import { startLocalSite } from "../../../scripts/local-site";
import { startChainBehindRelay } from "../../support/chain-behind-relay";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    rpcUrl: string;
    relayUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const anvilPort = Number(process.env.SYSTEM_ANVIL_PORT ?? 8755);
  const chain = await startChainBehindRelay({ anvilPort, relayPort: anvilPort + 1 });
  const site = await startLocalSite({ port: Number(process.env.SYSTEM_PORT ?? 3410), anvilPort, rpcUrl: chain.rpcUrl }).catch(
    async (error: unknown) => {
      await chain.stop();
      throw error;
    },
  );
  project.provide("siteUrl", site.siteUrl);
  project.provide("rpcUrl", chain.anvilUrl);
  project.provide("relayUrl", chain.rpcUrl);
  return async () => {
    await site.stop();
    await chain.stop();
  };
}
