import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/EmptyState";
import { requireAdmin } from "@/lib/auth/admin";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { listAudit, type AuditEntry } from "@/lib/db/queries/audit";
import { shortAddress } from "@/lib/format/address";
import { formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";

export const metadata: Metadata = { title: "Audit log" };

type Snapshot = Record<string, unknown> | null;

function show(field: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (field === "price" && typeof value === "string" && /^\d+$/.test(value)) return formatUsdcWithSymbol(BigInt(value));
  if (field === "accessSeconds" && typeof value === "number") return `${value} s`;
  return String(value);
}

/** The fields that differ between before and after (every field for a creation). */
function changes(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const before = entry.before as Snapshot;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  return Object.keys(after)
    .filter((field) => !before || JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before ? show(field, before[field]) : "", after: show(field, after[field]) }));
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  await requireAdmin();
  const after = decodeCursor((await searchParams).after);
  const page = await listAudit({ after, limit: 100 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="text-sm text-stone-600">Every change made in the dashboard: who, what, and the values before and after.</p>
      {page.rows.length === 0 ? (
        <EmptyState title="No changes yet">Price and resource changes will be listed here.</EmptyState>
      ) : (
        <ol className="space-y-3">
          {page.rows.map((entry) => (
            <li key={entry.id} data-testid="audit-entry" className="rounded-xl border border-stone-200 bg-white p-4 text-sm">
              <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="font-medium">{entry.action}</span>
                <span className="font-mono text-xs text-stone-600">
                  {entry.entity} #{entry.entityId}
                </span>
                <span className="text-stone-500">
                  by <span className="font-mono" title={entry.actor}>{shortAddress(entry.actor)}</span> · {formatDateTime(entry.createdAt)}
                </span>
              </p>
              <table className="mt-2 w-full text-left text-xs">
                <thead className="sr-only">
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {changes(entry).map((change) => (
                    <tr key={change.field} className="align-top">
                      <th scope="row" className="w-32 py-0.5 pr-2 font-normal text-stone-500">
                        {change.field}
                      </th>
                      <td className="py-0.5 pr-2 text-stone-500 line-through decoration-stone-300">{change.before}</td>
                      <td className="py-0.5 text-stone-900">{change.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ol>
      )}
      {page.older && (
        <p className="text-right text-sm">
          <Link href={`/dashboard/audit?after=${encodeCursor(page.older)}`} className="link-button" rel="next">
            Older →
          </Link>
        </p>
      )}
    </div>
  );
}
