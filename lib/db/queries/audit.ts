import "server-only";
import { desc, sql } from "drizzle-orm";
import { getDb } from "../client";
import type { Cursor } from "../cursor";
import { adminAudit } from "../schema";

export type AuditEntry = typeof adminAudit.$inferSelect;

/** The audit log, newest first, by keyset (`after` continues with older entries). */
export async function listAudit(page: { after?: Cursor; limit: number }): Promise<{ rows: AuditEntry[]; older?: Cursor }> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(adminAudit)
    .where(
      page.after
        ? sql`(${adminAudit.createdAt}, ${adminAudit.id}) < (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id})`
        : undefined,
    )
    .orderBy(desc(adminAudit.createdAt), desc(adminAudit.id))
    .limit(page.limit + 1);
  const visible = rows.slice(0, page.limit);
  const last = visible.at(-1);
  return { rows: visible, older: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined };
}

