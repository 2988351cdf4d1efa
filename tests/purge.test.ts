/** The purge job deletes what anonymous traffic leaves behind, and nothing still in use (Invariant 7). */
import { beforeEach, describe, expect, it } from "vitest";
import { purgeStaleRows } from "@/lib/db/queries/purge";
import type { Db } from "@/lib/db/client";
import { rateLimits, siweNonces, siwxNonces } from "@/lib/db/schema";
import { resetDatabase } from "./support/db";

const NOW = Date.now();
const at = (offsetMs: number) => new Date(NOW + offsetMs);
const MINUTE = 60_000;

let db: Db;

beforeEach(async () => {
  db = await resetDatabase();
  await db.insert(siweNonces).values([
    { nonce: "siweLiveUnused", expiresAt: at(5 * MINUTE) },
    { nonce: "siweLiveUsed", expiresAt: at(5 * MINUTE), usedAt: at(-MINUTE) },
    { nonce: "siweExpiredUnused", expiresAt: at(-MINUTE) },
    { nonce: "siweExpiredUsed", expiresAt: at(-MINUTE), usedAt: at(-5 * MINUTE) },
  ]);
  await db.insert(siwxNonces).values([
    { nonce: "siwxRecent", usedAt: at(-MINUTE) },
    { nonce: "siwxOld", usedAt: at(-2 * 60 * MINUTE) },
  ]);
  await db.insert(rateLimits).values([
    { key: "siwe-nonce:client:ip:192.0.2.1", points: 3, expire: at(MINUTE) },
    { key: "siwe-nonce:client:ip:192.0.2.2", points: 30, expire: at(-MINUTE) },
  ]);
});

const keys = async () => ({
  siwe: (await db.select({ nonce: siweNonces.nonce }).from(siweNonces)).map((row) => row.nonce).sort(),
  siwx: (await db.select({ nonce: siwxNonces.nonce }).from(siwxNonces)).map((row) => row.nonce).sort(),
  rateLimits: (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key).sort(),
});

describe("purgeStaleRows", () => {
  it("deletes expired or used SIWE nonces, SIWX nonces past any message's life, and expired rate-limit counters", async () => {
    expect(await purgeStaleRows(at(0))).toEqual({ siweNonces: 3, siwxNonces: 1, rateLimits: 1 });
    expect(await keys()).toEqual({
      siwe: ["siweLiveUnused"],
      siwx: ["siwxRecent"],
      rateLimits: ["siwe-nonce:client:ip:192.0.2.1"],
    });
  });

  it("changes nothing when run again", async () => {
    await purgeStaleRows(at(0));
    expect(await purgeStaleRows(at(0))).toEqual({ siweNonces: 0, siwxNonces: 0, rateLimits: 0 });
  });
});
