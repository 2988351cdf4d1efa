import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/ActionButton";
import { AvailabilityBadge } from "@/components/dashboard/AvailabilityBadge";
import { BackLink } from "@/components/dashboard/BackLink";
import { ResourceForm } from "@/components/dashboard/ResourceForm";
import { requireAdmin } from "@/lib/auth/admin";
import { findResource } from "@/lib/db/queries/resources";
import { env } from "@/lib/env";
import { toDecimalString } from "@/lib/format/money";
import { accessWindowParts } from "@/lib/resources/rules";
import { setResourceActiveAction, updateResourceAction } from "../actions";

export const metadata: Metadata = { title: "Edit resource" };

export default async function EditResourcePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const resource = /^\d{1,9}$/.test(id) ? await findResource(Number(id)) : undefined;
  if (!resource) notFound();
  const window = accessWindowParts(resource.accessSeconds);

  return (
    <div className="max-w-2xl space-y-6">
      <BackLink href="/dashboard/resources">Resources</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{resource.title}</h1>
        <AvailabilityBadge active={resource.active} />
      </div>
      <ResourceForm
        action={updateResourceAction.bind(null, resource.id)}
        mode="edit"
        networkLabel={env.network.label}
        initial={{
          kind: resource.kind,
          path: resource.path,
          title: resource.title,
          description: resource.description,
          price: toDecimalString(resource.price),
          accessAmount: String(window.amount),
          accessUnit: window.unit,
          payTo: resource.payTo,
        }}
      />
      <section aria-labelledby="availability" className="card space-y-2 p-6">
        <h2 id="availability" className="font-medium">
          Availability
        </h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {resource.active
            ? "Deactivating stops sales at once: the URL answers 404 to everyone — never free content."
            : "This resource is not for sale. Activate it to answer 402 with its price again."}
        </p>
        <ActionButton
          action={setResourceActiveAction.bind(null, resource.id, !resource.active)}
          label={resource.active ? "Deactivate" : "Activate"}
          pendingLabel={resource.active ? "Deactivating…" : "Activating…"}
          confirm={
            resource.active
              ? { question: `Stop selling ${resource.path}?`, detail: "Its URL answers 404 from now on. You can activate it again later." }
              : undefined
          }
        />
      </section>
    </div>
  );
}
