/**
 * The system suite runs against the production build as users meet it: `npm run start:local --
 * --fresh --production` (a throwaway anvil with TestUSDC, a fresh PGlite, `next start`), on ports
 * of its own. Test files get the site's and the chain's URLs through `inject`.
 */
import type { TestProject } from "vitest/node";
import { startLocalSite } from "../../../scripts/local-site";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    rpcUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const site = await startLocalSite({
    port: Number(process.env.SYSTEM_PORT ?? 3410),
    anvilPort: Number(process.env.SYSTEM_ANVIL_PORT ?? 8755),
  });
  project.provide("siteUrl", site.siteUrl);
  project.provide("rpcUrl", site.rpcUrl);
  return site.stop;
}
