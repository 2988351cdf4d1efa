import type { Metadata } from "next";
import Link from "next/link";
import { AvailabilityBadge } from "@/components/dashboard/AvailabilityBadge";
import { Address } from "@/components/ui/Address";
import { Badge } from "@/components/ui/Badge";
import { EmptyState } from "@/components/ui/EmptyState";
import { Table } from "@/components/ui/Table";
import { requireAdmin } from "@/lib/auth/admin";
import { listResources } from "@/lib/db/queries/resources";
import { formatAccessWindow } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";

export const metadata: Metadata = { title: "Resources" };

export default async function ResourcesPage() {
  await requireAdmin();
  const resources = await listResources();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Resources and prices</h1>
        <Link href="/dashboard/resources/new" className="button-primary">
          New resource
        </Link>
      </div>
      {resources.length === 0 ? (
        <EmptyState title="Nothing is for sale yet">Create a resource: an API route or an article page with its price.</EmptyState>
      ) : (
        <Table
          label="Resources and prices"
          rows={resources}
          rowKey={(resource) => resource.id}
          rowTestId="resource-row"
          columns={[
            {
              header: "Path",
              phone: "title",
              cell: (resource) => (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <span className="font-mono text-xs break-words">{resource.path}</span>
                  <Badge>{resource.kind}</Badge>
                </span>
              ),
            },
            { header: "Title", cell: (resource) => resource.title },
            { header: "Price", numeric: true, phone: "key", cell: (resource) => formatUsdcWithSymbol(resource.price) },
            {
              header: "Access",
              className: "whitespace-nowrap",
              cell: (resource) => (resource.accessSeconds > 0 ? formatAccessWindow(resource.accessSeconds) : "pay per request"),
            },
            { header: "Pay to", cell: (resource) => <Address address={resource.payTo} /> },
            { header: "Status", phone: "key", cell: (resource) => <AvailabilityBadge active={resource.active} /> },
            {
              header: "Edit",
              hideHeader: true,
              phone: "end",
              className: "text-right",
              cell: (resource) => (
                <Link href={`/dashboard/resources/${resource.id}`} className="link-button text-xs">
                  Edit <span className="sr-only">{resource.path}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
