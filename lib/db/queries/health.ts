import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "../client";

export async function checkDatabase(): Promise<{ ok: boolean; ms: number; detail?: string }> {
  const started = performance.now();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      detail: error instanceof Error ? error.message.split("\n")[0] : String(error),
    };
  }
}
