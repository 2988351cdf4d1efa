import type { Metadata } from "next";
import Link from "next/link";
import { AuditEntry } from "@/components/dashboard/AuditEntry";
import { EmptyState } from "@/components/ui/EmptyState";
import { requireAdmin } from "@/lib/auth/admin";
import { describeAuditEntry } from "@/lib/dashboard/audit-log";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { listAudit } from "@/lib/db/queries/audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  await requireAdmin();
  const after = decodeCursor((await searchParams).after);
  const page = await listAudit({ after, limit: 100 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Every change to what is for sale and at what price: who made it, when (in your time zone), and the values before and
        after.
      </p>
      {page.rows.length === 0 ? (
        <EmptyState title="No changes yet">Price and resource changes will be listed here.</EmptyState>
      ) : (
        <ol className="space-y-3">
          {page.rows.map((entry) => (
            <AuditEntry key={entry.id} entry={describeAuditEntry(entry)} />
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
