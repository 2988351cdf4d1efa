/**
 * The ledger schema: one schema and one migration folder for PGlite and PostgreSQL.
 * Money is `bigint` in atomic units of the asset (USDC has 6 decimals); formatting is the UI's job.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const resourceKind = pgEnum("resource_kind", ["page", "api"]);
export const paymentStatus = pgEnum("payment_status", ["pending", "settled", "failed"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

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
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("resources_path_key").on(t.path),
    check("resources_price_positive", sql`${t.price} > 0`),
    check("resources_access_seconds_nonnegative", sql`${t.accessSeconds} >= 0`),
  ],
);

/** The content of a paid page: the free teaser and the paid body. */
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
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("articles_slug_key").on(t.slug), uniqueIndex("articles_resource_key").on(t.resourceId)],
);

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
    createdAt: createdAt(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("payments_authorization_key").on(t.network, t.asset, t.payer, t.nonce),
    index("payments_created_at_idx").on(t.createdAt, t.id),
    index("payments_resource_created_at_idx").on(t.resourceId, t.createdAt),
    index("payments_status_created_at_idx").on(t.status, t.createdAt),
    check("payments_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Who changed what in the dashboard, with the values before and after. */
export const adminAudit = pgTable(
  "admin_audit",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [index("admin_audit_created_at_idx").on(t.createdAt)],
);

/** Single-use Sign-In with Ethereum nonces, so a signed message can open one session only. */
export const siweNonces = pgTable("siwe_nonces", {
  nonce: text("nonce").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export type Resource = typeof resources.$inferSelect;
export type NewResource = typeof resources.$inferInsert;
export type Article = typeof articles.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type PaymentStatus = Payment["status"];
