import "server-only";
import { and, asc, count, desc, eq, gt, gte, inArray, lt, ne, not, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../client";
import type { Cursor } from "../cursor";
import { adminAudit, payments, resources, type Payment, type PaymentStatus, type StoredOutcome } from "../schema";

/** The identity of an EIP-3009 authorization: it can pay once. Addresses checksummed, nonce lower case. */
export interface AuthorizationKey {
  network: string;
  asset: string;
  payer: string;
  nonce: string;
}

export interface PendingPayment extends AuthorizationKey {
  resourceId: number;
  amount: bigint;
  payTo: string;
  validBefore: bigint;
  paymentIdentifier: string | null;
  requestMethod: string;
  accessSeconds: number;
  /** The API answer this payment pays for (produced before settlement), to give its client again. */
  outcome: StoredOutcome | null;
}

function byAuthorization(key: AuthorizationKey) {
  return and(
    eq(payments.network, key.network),
    eq(payments.asset, key.asset),
    eq(payments.payer, key.payer),
    eq(payments.nonce, key.nonce),
  );
}

/** A `pending` row with no recorded failure, this recent, is a settlement still in progress. */
export const IN_FLIGHT_MS = 120_000;

/** Is a request settling this payment right now? (IN_FLIGHT_MS, as the SQL below says it.) */
export function isSettlementInFlight(payment: Pick<Payment, "status" | "errorReason" | "attemptedAt">): boolean {
  return payment.status === "pending" && !payment.errorReason && Date.now() - payment.attemptedAt.getTime() < IN_FLIGHT_MS;
}

/** IN_FLIGHT_MS in SQL, for a row known to be `pending`. */
const settlementInFlight = sql`(${payments.errorReason} is null
  and ${payments.attemptedAt} >= now() - make_interval(secs => ${IN_FLIGHT_MS / 1000}))`;

/**
 * Claims an authorization for settlement: records it as `pending` (the first time), or takes back
 * a row of the same resource whose earlier attempt failed or ended without a known outcome, so the
 * retry can settle it. Returns `undefined` when the authorization is settled already, belongs to
 * another resource, or is being settled right now: it must not settle again.
 *
 * Under a payment-identifier, it is also refused while another authorization of the same payer
 * and key is pending, or settled less than `identifierHeldSeconds` ago (or within the access it
 * bought): a client that signed again for a retry gets that payment's result, never a second
 * charge. Claims under one payer's key take turns on every instance (a transaction-scoped
 * advisory lock), so two sent at once cannot both pass that check.
 */
export async function claimPaymentForSettlement(
  payment: PendingPayment,
  options: { identifierHeldSeconds: number },
): Promise<number | undefined> {
  const db = await getDb();
  const { paymentIdentifier } = payment;
  if (paymentIdentifier === null) return upsertPending(db, payment);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${payment.payer}/${paymentIdentifier}`}, 0))`);
    const [sibling] = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.payer, payment.payer),
          eq(payments.paymentIdentifier, paymentIdentifier),
          not(byAuthorization(payment)!),
          or(
            eq(payments.status, "pending"),
            and(
              eq(payments.status, "settled"),
              sql`${payments.settledAt} + make_interval(secs => greatest(${payments.accessSeconds}, ${options.identifierHeldSeconds})) > now()`,
            ),
          ),
        ),
      )
      .limit(1);
    return sibling ? undefined : upsertPending(tx, payment);
  });
}

async function upsertPending(db: Pick<Db, "insert">, payment: PendingPayment): Promise<number | undefined> {
  const [row] = await db
    .insert(payments)
    .values({ ...payment, status: "pending" })
    .onConflictDoUpdate({
      target: [payments.network, payments.asset, payments.payer, payments.nonce],
      // The retry's request is the one now buying it (its key and method prove its own retries).
      set: {
        status: "pending",
        errorReason: null,
        attemptedAt: sql`now()`,
        paymentIdentifier: sql`excluded.payment_identifier`,
        requestMethod: sql`excluded.request_method`,
        accessSeconds: sql`excluded.access_seconds`,
        outcome: sql`excluded.outcome`,
      },
      setWhere: sql`${payments.resourceId} = excluded.resource_id and (${payments.status} = 'failed' or (
        ${payments.status} = 'pending' and not ${settlementInFlight}))`,
    })
    .returning({ id: payments.id });
  return row?.id;
}

export interface ActivePurchase {
  payment: Payment;
  /** The resource bought: the one asked about, or a pass that covers it. */
  resourceId: number;
  scope: "resource" | "pages";
  /** Unix seconds when the access it bought ends. */
  expiresAt: number;
}

/**
 * The payer's latest settled payment that still gives access to this resource: for the resource
 * itself, or (for an article) a pass, within the window bought with it (not the resource's now).
 */
export async function findActivePurchase(resource: { id: number; kind: string }, payer: string): Promise<ActivePurchase | undefined> {
  const db = await getDb();
  const expires = sql<Date>`${payments.settledAt} + make_interval(secs => ${payments.accessSeconds})`;
  const [row] = await db
    .select({ payment: payments, kind: resources.kind, expiresAt: expires.mapWith((value: string | Date) => new Date(value)) })
    .from(payments)
    .innerJoin(resources, eq(payments.resourceId, resources.id))
    .where(
      and(
        eq(payments.payer, payer),
        eq(payments.status, "settled"),
        resource.kind === "page" ? or(eq(payments.resourceId, resource.id), eq(resources.kind, "pass")) : eq(payments.resourceId, resource.id),
        sql`${payments.accessSeconds} > 0`,
        sql`${expires} > now()`,
      ),
    )
    .orderBy(desc(expires))
    .limit(1);
  if (!row) return undefined;
  return {
    payment: row.payment,
    resourceId: row.payment.resourceId,
    scope: row.kind === "pass" ? "pages" : "resource",
    expiresAt: Math.floor(row.expiresAt.getTime() / 1000),
  };
}

export async function findPaymentByAuthorization(key: AuthorizationKey): Promise<Payment | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(payments).where(byAuthorization(key));
  return row;
}

/**
 * In one round trip: the row of this authorization, and the payer's latest payment that carried
 * this idempotency key (a key is used by few payments: a refused attempt and its retry).
 */
export async function findPaymentsSeenBefore(
  key: AuthorizationKey,
  paymentIdentifier: string | null,
): Promise<{ byAuthorization?: Payment; byIdentifier?: Payment }> {
  if (paymentIdentifier === null) return { byAuthorization: await findPaymentByAuthorization(key) };
  const db = await getDb();
  const rows = await db
    .select()
    .from(payments)
    .where(or(byAuthorization(key), and(eq(payments.payer, key.payer), eq(payments.paymentIdentifier, paymentIdentifier))))
    // The authorization's own row first, whatever else carried the key.
    .orderBy(desc(sql`${payments.nonce} = ${key.nonce}`), desc(payments.createdAt), desc(payments.id))
    .limit(10);
  return {
    byAuthorization: rows.find((row) => row.nonce === key.nonce && row.network === key.network && row.asset === key.asset),
    byIdentifier: rows.find((row) => row.paymentIdentifier === paymentIdentifier),
  };
}

/** Marks a pending authorization as settled on chain: the row, or none if it was not pending. */
export async function markPaymentSettled(key: AuthorizationKey, update: { txHash: string }): Promise<Payment | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(payments)
    .set({ status: "settled", txHash: update.txHash, errorReason: null, settledAt: new Date() })
    .where(and(byAuthorization(key), eq(payments.status, "pending")))
    .returning();
  return row;
}

/**
 * Records a failed settlement (the row, or none if it was not pending). `final` moves the row to `failed`; otherwise it stays `pending`
 * (the facilitator may still have broadcast it) with the reason and any tx hash kept for
 * reconciliation against the chain.
 */
export async function recordSettlementFailure(
  key: AuthorizationKey,
  failure: { reason: string; txHash?: string; final: boolean },
): Promise<Payment | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(payments)
    .set({
      status: failure.final ? "failed" : "pending",
      errorReason: failure.reason,
      ...(failure.txHash ? { txHash: failure.txHash } : {}),
    })
    .where(and(byAuthorization(key), eq(payments.status, "pending")))
    .returning();
  return row;
}

export interface PaymentRow extends Payment {
  resourcePath: string;
  resourceTitle: string;
}

export interface PaymentFilters {
  status?: PaymentStatus;
  resourceId?: number;
  /** Checksummed address. */
  payer?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
}

export interface PaymentPage {
  rows: PaymentRow[];
  /** Where the next (older) page starts, if there is one. */
  older?: Cursor;
  /** Where the previous (newer) page starts, if there is one. */
  newer?: Cursor;
}

function filterConditions(filters: PaymentFilters): SQL | undefined {
  return and(
    filters.status ? eq(payments.status, filters.status) : undefined,
    filters.resourceId !== undefined ? eq(payments.resourceId, filters.resourceId) : undefined,
    filters.payer ? eq(payments.payer, filters.payer) : undefined,
    filters.from ? gte(payments.createdAt, filters.from) : undefined,
    filters.to ? lt(payments.createdAt, filters.to) : undefined,
  );
}

const position = sql`(${payments.createdAt}, ${payments.id})`;
const cursorValue = (cursor: Cursor) => sql`(${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id})`;
const cursorOf = (row: PaymentRow): Cursor => ({ createdAt: row.createdAt, id: row.id });

async function selectPayments(where: SQL | undefined, newestFirst: boolean, limit: number): Promise<PaymentRow[]> {
  const db = await getDb();
  const order = newestFirst ? [desc(payments.createdAt), desc(payments.id)] : [asc(payments.createdAt), asc(payments.id)];
  const rows = await db
    .select({ payment: payments, resourcePath: resources.path, resourceTitle: resources.title })
    .from(payments)
    .innerJoin(resources, eq(payments.resourceId, resources.id))
    .where(where)
    .orderBy(...order)
    .limit(limit);
  return rows.map(({ payment, resourcePath, resourceTitle }) => ({ ...payment, resourcePath, resourceTitle }));
}

/**
 * One page of the ledger, newest first, by keyset: `after` continues with older rows, `before`
 * goes back to newer ones. Cost does not grow with how deep the page is.
 */
export async function listPayments(
  filters: PaymentFilters,
  page: { after?: Cursor; before?: Cursor; limit: number },
): Promise<PaymentPage> {
  const conditions = filterConditions(filters);
  if (page.before) {
    const rows = await selectPayments(and(conditions, sql`${position} > ${cursorValue(page.before)}`), false, page.limit + 1);
    const hasNewer = rows.length > page.limit;
    const visible = rows.slice(0, page.limit).reverse();
    return {
      rows: visible,
      newer: hasNewer && visible[0] ? cursorOf(visible[0]) : undefined,
      older: visible.at(-1) ? cursorOf(visible.at(-1)!) : undefined,
    };
  }
  const where = page.after ? and(conditions, sql`${position} < ${cursorValue(page.after)}`) : conditions;
  const rows = await selectPayments(where, true, page.limit + 1);
  const hasOlder = rows.length > page.limit;
  const visible = rows.slice(0, page.limit);
  return {
    rows: visible,
    older: hasOlder && visible.at(-1) ? cursorOf(visible.at(-1)!) : undefined,
    newer: page.after && visible[0] ? cursorOf(visible[0]) : undefined,
  };
}

/** Every payment matching the filters, newest first, in batches (for exports of any size). */
export async function* iteratePayments(filters: PaymentFilters, batchSize = 1_000): AsyncGenerator<PaymentRow[]> {
  let after: Cursor | undefined;
  for (;;) {
    const { rows, older } = await listPayments(filters, { after, limit: batchSize });
    if (rows.length > 0) yield rows;
    if (!older) return;
    after = older;
  }
}

export async function findPayment(id: number): Promise<PaymentRow | undefined> {
  const [row] = await selectPayments(eq(payments.id, id), true, 1);
  return row;
}

/** Pending and failed payments, newest first: what the settlement view works through. */
export async function listUnsettledPayments(limit = 200): Promise<PaymentRow[]> {
  // Written as the partial index's own predicate, so the planner uses it.
  return selectPayments(ne(payments.status, "settled"), true, limit);
}

/** How long after its authorization expires a `failed` payment is still checked against the chain. */
export const FAILED_RECHECK_SECONDS = 3_600;

/**
 * What the reconcile job walks through, oldest id first, after `afterId`: `pending` payments no
 * request is settling any more (a failure was recorded, or the attempt is older than
 * IN_FLIGHT_MS), and `failed` ones whose signed authorization could still have been submitted by
 * someone (until shortly after it expires).
 */
export async function listPaymentsToReconcile(afterId: number, limit: number): Promise<Payment[]> {
  const db = await getDb();
  const stalePending = and(eq(payments.status, "pending"), not(settlementInFlight));
  const failedButUsable = and(
    eq(payments.status, "failed"),
    gt(payments.validBefore, sql`extract(epoch from now())::bigint - ${FAILED_RECHECK_SECONDS}`),
  );
  return db
    .select()
    .from(payments)
    .where(and(gt(payments.id, afterId), or(stalePending, failedButUsable)))
    .orderBy(asc(payments.id))
    .limit(limit);
}

/** Pending payments that requests are settling right now: the reconcile job leaves them alone. */
export async function countPaymentsInFlight(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ count: count() }).from(payments).where(and(eq(payments.status, "pending"), settlementInFlight));
  return row?.count ?? 0;
}

/**
 * Records what reconciliation found on chain for a payment that was not known to be settled, and
 * with an `actor`, who asked (in the audit log, in the same transaction). Money state only moves
 * forward: settled rows never change, a failed row only becomes settled, and a row a request is
 * settling right now only becomes settled (failing or reopening it would let a duplicate claim it
 * while the first settlement may still land). Returns whether the row changed.
 */
export async function resolvePayment(
  id: number,
  outcome: { status: "settled"; txHash: string; settledAt: Date } | { status: "failed" | "pending"; reason: string },
  actor?: string,
): Promise<boolean> {
  const db = await getDb();
  const changeable =
    outcome.status === "settled"
      ? inArray(payments.status, ["pending", "failed"])
      : and(eq(payments.status, "pending"), not(settlementInFlight));
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: payments.status, txHash: payments.txHash, errorReason: payments.errorReason })
      .from(payments)
      .where(and(eq(payments.id, id), changeable))
      .for("update");
    if (!before) return false;
    const [after] = await tx
      .update(payments)
      .set(
        outcome.status === "settled"
          ? { status: "settled", txHash: outcome.txHash, settledAt: outcome.settledAt, errorReason: null }
          : { status: outcome.status, errorReason: outcome.reason },
      )
      .where(eq(payments.id, id))
      .returning({ status: payments.status, txHash: payments.txHash, errorReason: payments.errorReason });
    if (actor) {
      await tx.insert(adminAudit).values({ actor, action: "payment.reconcile", entity: "payment", entityId: String(id), before, after });
    }
    return true;
  });
}

export interface Purchase extends PaymentRow {
  resourceKind: "page" | "api" | "pass";
  /** When the access it bought ends (none for pay-per-request, or before it settled). */
  accessUntil: Date | null;
  accessActive: boolean;
}

/** What a wallet paid for (settled or still settling), newest first, for its owner to see. */
export async function listPurchases(payer: string, limit = 200): Promise<Purchase[]> {
  const db = await getDb();
  const accessUntil = sql`case when ${payments.accessSeconds} > 0
    then ${payments.settledAt} + make_interval(secs => ${payments.accessSeconds}) end`;
  const rows = await db
    .select({
      payment: payments,
      resourcePath: resources.path,
      resourceTitle: resources.title,
      resourceKind: resources.kind,
      accessUntil: sql<Date | null>`${accessUntil}`.mapWith((value: string | Date | null) => (value ? new Date(value) : null)),
      accessActive: sql<boolean>`coalesce(${accessUntil} > now(), false)`,
    })
    .from(payments)
    .innerJoin(resources, eq(payments.resourceId, resources.id))
    .where(and(eq(payments.payer, payer), ne(payments.status, "failed")))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
  return rows.map(({ payment, ...rest }) => ({ ...payment, ...rest }));
}
