import type { ReactNode } from "react";
import { DashboardNav } from "@/components/dashboard/Nav";
import { SignOutButton } from "@/components/wallet/SignOutButton";
import { requireAdmin } from "@/lib/auth/admin";
import { env } from "@/lib/env";
import { shortAddress } from "@/lib/format/address";

// Layouts are not re-run on every navigation: each page and action checks the session itself too.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-stone-600 dark:text-stone-400">Publisher dashboard · {env.network.label}</p>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Signed in as <span className="font-mono">{shortAddress(admin.address)}</span>
          </p>
        </div>
        <SignOutButton />
      </header>
      <DashboardNav />
      <div>{children}</div>
    </div>
  );
}
