/**
 * `npm run purge`: deletes the rows anonymous traffic leaves behind once they no longer matter —
 * expired or used sign-in nonces, old Sign-In-With-X nonces, closed rate-limit windows. Run it from
 * a cron (every 15 minutes is plenty); runs may overlap. Exits 1 when the database cannot be reached.
 */
async function purge() {
  const { closeDb } = await import("../lib/db/client");
  const { purgeStaleRows } = await import("../lib/db/queries/purge");
  try {
    const counts = await purgeStaleRows();
    console.log(
      `purged ${counts.siweNonces} sign-in nonce(s), ${counts.siwxNonces} Sign-In-With-X nonce(s), ` +
        `${counts.rateLimits} rate-limit counter(s)`,
    );
  } finally {
    await closeDb();
  }
}

purge().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
