import type { Metadata } from "next";
import { Suspense } from "react";
import { Detail, DetailList } from "@/components/ui/DetailList";
import { Skeleton } from "@/components/ui/Skeleton";
import { TEXT_TONES } from "@/components/ui/tone";
import { requireAdmin } from "@/lib/auth/admin";
import { env } from "@/lib/env";
import { formatAccessWindow } from "@/lib/format/time";
import { checkFacilitator } from "@/lib/x402/facilitator";
import { site } from "@/lib/site";

export const metadata: Metadata = { title: "Settings" };

async function FacilitatorHealth() {
  const health = await checkFacilitator(env.facilitator, env.network);
  return (
    <span className={TEXT_TONES[health.ok ? "success" : "danger"]} data-testid="facilitator-health">
      {health.ok ? "Reachable" : "Unreachable"} — {health.detail}
    </span>
  );
}

export default async function SettingsPage() {
  await requireAdmin();
  const { network, facilitator } = env;
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Read from the server&apos;s environment (see the README&apos;s configuration table); change them there and restart.
      </p>
      <DetailList>
        <Detail label="Network">
          {network.label} <span className="font-mono text-stone-600 dark:text-stone-400">({network.caip2})</span>
        </Detail>
        <Detail label="Asset">
          USDC <span className="font-mono break-all">{network.usdc.address}</span>
          <span className="block text-xs text-stone-600 dark:text-stone-400">
            EIP-712 domain “{network.usdc.eip712.name}”, version {network.usdc.eip712.version}, 6 decimals
          </span>
        </Detail>
        <Detail label="Default pay-to">
          <span className="font-mono break-all">{env.payTo}</span>
        </Detail>
        <Detail label="Facilitator">
          {facilitator.mode === "local"
            ? "In-process (this server settles with its own key)"
            : facilitator.mode === "cdp"
              ? `Coinbase CDP, key ${facilitator.apiKeyId} — ${facilitator.url}`
              : facilitator.url}
          <span className="block text-xs text-stone-600 dark:text-stone-400">timeout {facilitator.timeoutMs} ms</span>
        </Detail>
        <Detail label="Facilitator health">
          <Suspense fallback={<Skeleton className="h-5 w-64 max-w-full" />}>
            <FacilitatorHealth />
          </Suspense>
        </Detail>
        <Detail label="Default access window">{formatAccessWindow(site.defaultAccessSeconds)}</Detail>
        <Detail label="Database">
          {env.database.kind === "postgres"
            ? `PostgreSQL (DATABASE_URL), up to ${env.database.poolMax} connections${env.database.prepare ? "" : " through a transaction pooler"}`
            : `PGlite in ${env.database.dir}`}
        </Detail>
        <Detail label="Administrators">
          <ul className="font-mono break-all">
            {env.adminAddresses.map((address) => (
              <li key={address}>{address}</li>
            ))}
          </ul>
        </Detail>
      </DetailList>
    </div>
  );
}
