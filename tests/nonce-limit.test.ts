/** Anonymous nonce issuance is rate-limited per client, across instances (Invariant 7). */
import { beforeEach, describe, expect, it } from "vitest";
import { GET as nonceRoute } from "@/app/api/auth/nonce/route";
import { createNonceLimiter, NONCE_LIMITS, takeNonceAllowance } from "@/lib/auth/nonce-limit";
import { getDb, openDatabase } from "@/lib/db/client";
import { siweNonces } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { resetDatabase } from "./support/db";
import { fetchFor, ORIGIN } from "./support/x402";

const getNonce = (forwardedFor?: string) =>
  fetchFor(nonceRoute)(`${ORIGIN}/api/auth/nonce`, { headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {} });

const siweNonceCount = async () => (await getDb()).$count(siweNonces);

beforeEach(async () => {
  await resetDatabase();
});

describe("GET /api/auth/nonce", () => {
  it(`issues ${NONCE_LIMITS.perClient.points} nonces a minute to a client, then answers 429 with Retry-After`, async () => {
    for (let i = 0; i < NONCE_LIMITS.perClient.points; i += 1) expect((await getNonce("203.0.113.7")).status).toBe(200);
    const limited = await getNonce("203.0.113.7");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(NONCE_LIMITS.perClient.duration);
    expect(await limited.json()).toEqual({ error: "rate_limited", message: expect.stringMatching(/try again/i) });
    expect(await siweNonceCount()).toBe(NONCE_LIMITS.perClient.points);
    // Another client is not locked out by this one.
    expect((await getNonce("198.51.100.9")).status).toBe(200);
  });

  it("counts a client that forges X-Forwarded-For entries by the address its proxy appended", async () => {
    for (let i = 0; i < NONCE_LIMITS.perClient.points; i += 1) {
      expect((await getNonce(`10.0.${i}.1, 192.0.2.${i}, 203.0.113.7`)).status).toBe(200);
    }
    expect((await getNonce("10.9.9.9, 203.0.113.7")).status).toBe(429);
  });

  it("counts every address of one IPv6 /64 as one client", async () => {
    for (let i = 0; i < NONCE_LIMITS.perClient.points; i += 1) {
      expect((await getNonce(`2001:db8:1:2::${(i + 1).toString(16)}`)).status).toBe(200);
    }
    expect((await getNonce("2001:db8:1:2:ffff::1")).status).toBe(429);
  });
});

describe("the nonce limiter", () => {
  it("is shared by separate instances of the app over one database", async () => {
    const db = await getDb();
    // PostgreSQL: a second connection pool, as another instance has. PGlite has one connection per process.
    const other = env.database.kind === "postgres" ? await openDatabase(env.database) : undefined;
    try {
      const first = createNonceLimiter(db);
      const second = createNonceLimiter(other?.db ?? db);
      for (let i = 0; i < NONCE_LIMITS.perClient.points; i += 1) {
        expect(await takeNonceAllowance(i % 2 === 0 ? first : second, "ip:203.0.113.7")).toEqual({ ok: true });
      }
      expect(await takeNonceAllowance(first, "ip:203.0.113.7")).toMatchObject({ ok: false, status: 429 });
      expect(await takeNonceAllowance(second, "ip:203.0.113.7")).toMatchObject({ ok: false, status: 429 });
    } finally {
      await other?.close();
    }
  });

  it("also caps every client together, so forged client keys cannot mint nonces without bound", async () => {
    const limiter = createNonceLimiter(await getDb(), { perClient: { points: 5, duration: 60 }, allClients: { points: 8, duration: 60 } });
    for (let i = 0; i < 5; i += 1) expect(await takeNonceAllowance(limiter, "ip:192.0.2.1")).toEqual({ ok: true });
    for (let i = 0; i < 3; i += 1) expect(await takeNonceAllowance(limiter, "ip:192.0.2.2")).toEqual({ ok: true });
    expect(await takeNonceAllowance(limiter, "ip:192.0.2.3")).toMatchObject({ ok: false, status: 429, error: "rate_limited" });
  });

  it("answers 503 with a reason when its store is down, not a 500", async () => {
    // Nothing listens on port 1: every query fails as it does when the database is down.
    const down = await openDatabase({ kind: "postgres", url: "postgres://postgres@127.0.0.1:1/down", poolMax: 1, prepare: true });
    expect(await takeNonceAllowance(createNonceLimiter(down.db), "ip:203.0.113.7")).toMatchObject({
      ok: false,
      status: 503,
      error: "rate_limit_unavailable",
      message: expect.any(String),
    });
    await down.close();
  });
});
