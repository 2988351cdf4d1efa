import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { resources, type Resource } from "../schema";

export async function listActiveResources(): Promise<Resource[]> {
  const db = await getDb();
  return db.select().from(resources).where(eq(resources.active, true)).orderBy(asc(resources.path));
}

export async function listResources(): Promise<Resource[]> {
  const db = await getDb();
  return db.select().from(resources).orderBy(asc(resources.kind), asc(resources.path));
}
