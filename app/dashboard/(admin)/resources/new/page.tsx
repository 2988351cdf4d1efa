import type { Metadata } from "next";
import Link from "next/link";
import { ResourceForm } from "@/components/dashboard/ResourceForm";
import { requireAdmin } from "@/lib/auth/admin";
import { env } from "@/lib/env";
import { accessWindowParts } from "@/lib/resources/rules";
import { createResourceAction } from "../actions";

export const metadata: Metadata = { title: "New resource" };

export default async function NewResourcePage() {
  await requireAdmin();
  const window = accessWindowParts(0);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">New resource</h1>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        An API route is paid per request once its handler is wrapped with{" "}
        <code className="font-mono">withPayment(&quot;/api/…&quot;, handler)</code> (see docs/customize.md). Articles are
        created, priced and published under <Link href="/dashboard/articles" className="link-button">Articles</Link>.
      </p>
      <ResourceForm
        action={createResourceAction}
        mode="create"
        networkLabel={env.network.label}
        initial={{
          kind: "api",
          path: "/api/",
          title: "",
          description: "",
          price: "0.01",
          accessAmount: String(window.amount),
          accessUnit: window.unit,
          payTo: env.payTo,
        }}
      />
    </div>
  );
}
