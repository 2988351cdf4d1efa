import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/Skeleton";
import { requireAdmin } from "@/lib/auth/admin";
import { env } from "@/lib/env";
import { formatAccessWindow } from "@/lib/format/time";
import { checkFacilitator } from "@/lib/x402/facilitator";
import { site } from "@/lib/site";

export const metadata: Metadata = { title: "Settings" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 px-4 py-2 sm:grid-cols-[14rem_1fr]">
      <dt className="text-stone-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

async function FacilitatorHealth() {
  const health = await checkFacilitator(env.facilitator, env.network);
  return (
    <span className={health.ok ? "text-emerald-700" : "text-red-700"} data-testid="facilitator-health">
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
      <p className="text-sm text-stone-600">
        Read from the server&apos;s environment (see the README&apos;s configuration table); change them there and restart.
      </p>
      <dl className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white text-sm">
        <Row label="Network">
          {network.label} <span className="font-mono text-stone-500">({network.caip2})</span>
        </Row>
        <Row label="Asset">
          USDC <span className="font-mono">{network.usdc.address}</span>
          <span className="block text-xs text-stone-500">
            EIP-712 domain “{network.usdc.eip712.name}”, version {network.usdc.eip712.version}, 6 decimals
          </span>
        </Row>
        <Row label="Default pay-to">
          <span className="font-mono">{env.payTo}</span>
        </Row>
        <Row label="Facilitator">
          {facilitator.mode === "local"
            ? "In-process (this server settles with its own key)"
            : facilitator.mode === "cdp"
              ? `Coinbase CDP, key ${facilitator.apiKeyId} — ${facilitator.url}`
              : facilitator.url}
          <span className="block text-xs text-stone-500">timeout {facilitator.timeoutMs} ms</span>
        </Row>
        <Row label="Facilitator health">
          <Suspense fallback={<Skeleton className="h-5 w-64" />}>
            <FacilitatorHealth />
          </Suspense>
        </Row>
        <Row label="Default access window">{formatAccessWindow(site.defaultAccessSeconds)}</Row>
        <Row label="Database">
          {env.database.kind === "postgres"
            ? `PostgreSQL (DATABASE_URL), up to ${env.database.poolMax} connections${env.database.prepare ? "" : " through a transaction pooler"}`
            : `PGlite in ${env.database.dir}`}
        </Row>
        <Row label="Administrators">
          <ul className="font-mono">
            {env.adminAddresses.map((address) => (
              <li key={address}>{address}</li>
            ))}
          </ul>
        </Row>
      </dl>
    </div>
  );
}
