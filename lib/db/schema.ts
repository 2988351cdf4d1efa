/**
 * The ledger schema: one schema and one migration folder for PGlite and PostgreSQL.
 * Money is `bigint` in atomic units of the asset (USDC has 6 decimals); formatting is the UI's job.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** A page (an article), an API route, or a pass that opens every article for its window. */
export const resourceKind = pgEnum("resource_kind", ["page", "api", "pass"]);
export const paymentStatus = pgEnum("payment_status", ["pending", "settled", "failed"]);

/** Millisecond precision, like a JS Date: a timestamp round-trips exactly (keyset cursors rely on it). */
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const createdAt = () => timestamptz("created_at").notNull().defaultNow();

/** Something sold: a page (an article) or an API route, with its current price. */
export const resources = pgTable(
  "resources",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: resourceKind("kind").notNull(),
    /** Canonical path, e.g. `/articles/why-402` or `/api/insights`. */
    path: text("path").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Price in atomic units of `asset`. */
    price: bigint("price", { mode: "bigint" }).notNull(),
    network: text("network").notNull(),
    asset: text("asset").notNull(),
    payTo: text("pay_to").notNull(),
    /** How long a payment grants access; 0 = every request pays. */
    accessSeconds: integer("access_seconds").notNull(),
    mimeType: text("mime_type").notNull().default("text/html"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("resources_path_key").on(t.path),
    check("resources_price_positive", sql`${t.price} > 0`),
    check("resources_access_seconds_nonnegative", sql`${t.accessSeconds} >= 0`),
  ],
);

/**
 * An article: the free teaser and the paid body (both markdown), sold as the `page` resource at
 * `/articles/<slug>`. A draft has no `publishedAt`; a future `publishedAt` is scheduled.
 */
export const articles = pgTable(
  "articles",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    author: text("author").notNull(),
    teaser: text("teaser").notNull(),
    body: text("body").notNull(),
    coverImageUrl: text("cover_image_url"),
    publishedAt: timestamptz("published_at"),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("articles_slug_key").on(t.slug),
    uniqueIndex("articles_resource_key").on(t.resourceId),
    index("articles_published_at_idx").on(t.publishedAt),
  ],
);

/** Slugs an article used to have: their URLs redirect to the article's current one. */
export const articleSlugRedirects = pgTable("article_slug_redirects", {
  slug: text("slug").primaryKey(),
  articleId: integer("article_id")
    .notNull()
    .references(() => articles.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

/** A paid API response as it was first delivered (see `payments.outcome`). */
export interface StoredOutcome {
  status: number;
  headers: [string, string][];
  /** The body, base64; absent when it was too large to keep (a retry then gets the receipt alone). */
  body?: string;
}

/**
 * One row per payment authorization: `pending` before settlement, then `settled` or `failed`.
 * The unique (network, asset, payer, nonce) key makes an EIP-3009 authorization pay at most once,
 * across every app instance.
 */
export const payments = pgTable(
  "payments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id),
    status: paymentStatus("status").notNull().default("pending"),
    payer: text("payer").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    asset: text("asset").notNull(),
    network: text("network").notNull(),
    payTo: text("pay_to").notNull(),
    /** EIP-3009 authorization nonce (bytes32 hex, lower case). */
    nonce: text("nonce").notNull(),
    /** Unix seconds after which the authorization can no longer settle. */
    validBefore: bigint("valid_before", { mode: "bigint" }).notNull(),
    txHash: text("tx_hash"),
    errorReason: text("error_reason"),
    /**
     * The client's secret idempotency key (x402 `payment-identifier` extension), if it sent one.
     * It never appears on chain, so only the client that paid can present it again: a retry that
     * carries it gets the first result (see lib/x402/idempotency.ts).
     */
    paymentIdentifier: text("payment_identifier"),
    /** The HTTP method of the paid request: a retry must repeat it to get the first result. */
    requestMethod: text("request_method"),
    /** The resource's access window when it was bought: access ends at `settled_at` + this, whatever it is now. */
    accessSeconds: integer("access_seconds").notNull().default(0),
    /**
     * What a paid API handler answered (status, headers, body), kept so that a retry gets it again
     * instead of running the handler twice. Pages are not kept: they are rendered again.
     */
    outcome: jsonb("outcome").$type<StoredOutcome>(),
    createdAt: createdAt(),
    /** When settlement was last attempted (a retry of a failed attempt claims the row again). */
    attemptedAt: timestamptz("attempted_at").notNull().defaultNow(),
    settledAt: timestamptz("settled_at"),
  },
  (t) => [
    uniqueIndex("payments_authorization_key").on(t.network, t.asset, t.payer, t.nonce),
    // Keyset pagination walks (created_at, id) newest first, alone or after an equality filter.
    index("payments_created_at_idx").on(t.createdAt, t.id),
    index("payments_resource_created_at_idx").on(t.resourceId, t.createdAt, t.id),
    index("payments_status_created_at_idx").on(t.status, t.createdAt, t.id),
    index("payments_payer_created_at_idx").on(t.payer, t.createdAt, t.id),
    index("payments_payment_identifier_idx").on(t.payer, t.paymentIdentifier).where(sql`${t.paymentIdentifier} is not null`),
    // The settlement view lists what is not settled: a small slice of a large ledger.
    index("payments_unsettled_created_at_idx").on(t.createdAt, t.id).where(sql`${t.status} <> 'settled'`),
    check("payments_amount_positive", sql`${t.amount} > 0`),
  ],
);

/**
 * Settled revenue per UTC day and resource, kept by a trigger on `payments` (see the
 * `ledger_totals` migration): the dashboard's totals and chart read a few thousand rows instead
 * of scanning a ledger of millions.
 */
export const paymentDailyTotals = pgTable(
  "payment_daily_totals",
  {
    day: date("day", { mode: "string" }).notNull(),
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id),
    settledCount: bigint("settled_count", { mode: "number" }).notNull(),
    revenue: bigint("revenue", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.resourceId] })],
);

/**
 * How many payments each resource has in each status, kept by a trigger (see the migration):
 * counting pending and failed rows in a large ledger would otherwise read the table itself.
 */
export const paymentStatusCounts = pgTable(
  "payment_status_counts",
  {
    resourceId: integer("resource_id")
      .notNull()
      .references(() => resources.id),
    status: paymentStatus("status").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.status] })],
);

/** Every wallet that has a settled payment, kept by the same trigger (unique payers at a glance). */
export const payers = pgTable("payers", {
  payer: text("payer").primaryKey(),
  firstSettledAt: timestamptz("first_settled_at").notNull(),
  lastSettledAt: timestamptz("last_settled_at").notNull(),
  settledCount: bigint("settled_count", { mode: "number" }).notNull(),
  revenue: bigint("revenue", { mode: "bigint" }).notNull(),
});

/**
 * The audit log's actors that are not a wallet: the demo content a fresh install seeds, an import
 * of markdown files (`npm run content:import`), and the reconcile job (`npm run reconcile`).
 */
export const SYSTEM_ACTORS = { seed: "seed", contentImport: "content:import", reconcileJob: "reconcile-job" } as const;

/** The fields of a thing as the audit log keeps them (JSON: a bigint is a decimal string). */
export type AuditSnapshot = Record<string, unknown>;

/** Who changed what in the dashboard, with the values before and after. */
export const adminAudit = pgTable(
  "admin_audit",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** An admin's wallet address, or one of SYSTEM_ACTORS. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before").$type<AuditSnapshot>(),
    after: jsonb("after").$type<AuditSnapshot>(),
    createdAt: createdAt(),
  },
  (t) => [index("admin_audit_created_at_idx").on(t.createdAt, t.id)],
);

/** Single-use Sign-In with Ethereum nonces, so a signed message can open one session only. */
export const siweNonces = pgTable("siwe_nonces", {
  nonce: text("nonce").primaryKey(),
  expiresAt: timestamptz("expires_at").notNull(),
  usedAt: timestamptz("used_at"),
  createdAt: createdAt(),
});

/** Sign-In-With-X nonces already used to regain access: each signed challenge works once. */
export const siwxNonces = pgTable("siwx_nonces", {
  nonce: text("nonce").primaryKey(),
  usedAt: timestamptz("used_at").notNull().defaultNow(),
});

/**
 * Counters of rate-limiter-flexible's RateLimiterDrizzle (the columns it expects), shared by every
 * instance of the app: points consumed by a key until `expire`.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamptz("expire"),
});

export type Resource = typeof resources.$inferSelect;
export type NewResource = typeof resources.$inferInsert;
export type Article = typeof articles.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type PaymentStatus = Payment["status"];
