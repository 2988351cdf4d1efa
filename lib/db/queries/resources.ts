import "server-only";
import { and, asc, eq, getTableColumns, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import type { ResourceInput } from "@/lib/resources/rules";
import { getDb, type Db } from "../client";
import { isUniqueViolation } from "../errors";
import { adminAudit, articles, resources, type Resource } from "../schema";

/** What can be bought right now: active API routes and passes, and active pages whose article is published. */
export async function listResourcesForSale(): Promise<Resource[]> {
  const db = await getDb();
  return db
    .select(getTableColumns(resources))
    .from(resources)
    .leftJoin(articles, eq(articles.resourceId, resources.id))
    .where(
      and(
        eq(resources.active, true),
        or(
          inArray(resources.kind, ["api", "pass"]),
          and(isNotNull(articles.publishedAt), lte(articles.publishedAt, sql`now()`)),
        ),
      ),
    )
    .orderBy(asc(resources.path));
}

export async function listResources(): Promise<Resource[]> {
  const db = await getDb();
  return db.select().from(resources).orderBy(asc(resources.kind), asc(resources.path));
}

export async function findResource(id: number): Promise<Resource | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(resources).where(eq(resources.id, id));
  return row;
}

/** What the audit log keeps of a resource (JSON has no bigint: the price is a decimal string of atomic units). */
function auditView(resource: Resource) {
  const { kind, path, title, description, price, accessSeconds, payTo, network, asset, active } = resource;
  return { kind, path, title, description, price: price.toString(), accessSeconds, payTo, network, asset, active };
}

type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function audit(tx: Transaction, actor: string, action: string, before: Resource | undefined, after: Resource) {
  await tx.insert(adminAudit).values({
    actor,
    action,
    entity: "resource",
    entityId: String(after.id),
    before: before ? auditView(before) : null,
    after: auditView(after),
  });
}

export type ResourceWriteResult =
  | { ok: true; resource: Resource }
  | { ok: false; reason: "path_taken" | "not_found" };

/** Creates a resource and its audit entry, atomically. */
export async function createResource(
  input: ResourceInput & { network: string; asset: string },
  actor: string,
): Promise<ResourceWriteResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx.insert(resources).values(input).returning();
      await audit(tx, actor, "resource.create", undefined, created!);
      return { ok: true as const, resource: created! };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "path_taken" };
    throw error;
  }
}

/** Updates a resource and records before → after in the audit log, atomically. */
export async function updateResource(
  id: number,
  changes: Partial<Pick<Resource, "path" | "title" | "description" | "price" | "accessSeconds" | "payTo" | "active">>,
  actor: string,
  action = "resource.update",
): Promise<ResourceWriteResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(resources).where(eq(resources.id, id)).for("update");
      if (!before) return { ok: false as const, reason: "not_found" as const };
      const [after] = await tx
        .update(resources)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(resources.id, id))
        .returning();
      await audit(tx, actor, action, before, after!);
      return { ok: true as const, resource: after! };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "path_taken" };
    throw error;
  }
}

/** Passes for sale, cheapest first (the home page offers them). */
export async function listPassesForSale(): Promise<Resource[]> {
  const db = await getDb();
  return db
    .select()
    .from(resources)
    .where(and(eq(resources.kind, "pass"), eq(resources.active, true)))
    .orderBy(asc(resources.price));
}

export async function findResourceForSale(path: string, kind: Resource["kind"]): Promise<Resource | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.path, path), eq(resources.kind, kind), eq(resources.active, true)));
  return row;
}
