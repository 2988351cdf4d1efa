/**
 * The payments list's filters as they appear in the URL (`?status=settled&payer=0x…&from=2026-11-01`),
 * parsed once for the page and the CSV export alike. Unusable values are reported, never guessed.
 */
import { getAddress, isAddress } from "viem";
import { decodeCursor, type Cursor } from "@/lib/db/cursor";

export const PAYMENT_STATUSES = ["pending", "settled", "failed"] as const;
type Status = (typeof PAYMENT_STATUSES)[number];

export interface PaymentFilterValues {
  status?: Status;
  resourceId?: number;
  payer?: string;
  /** Inclusive start, UTC midnight. */
  from?: Date;
  /** Exclusive end: UTC midnight after the `to` day. */
  to?: Date;
}

export interface ParsedPaymentQuery {
  filters: PaymentFilterValues;
  after?: Cursor;
  before?: Cursor;
  /** Human-readable problems with the query, by parameter. */
  errors: Partial<Record<"status" | "resource" | "payer" | "from" | "to", string>>;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

function parseDay(value: string | undefined): Date | undefined | null {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

export function parsePaymentQuery(params: SearchParams): ParsedPaymentQuery {
  const errors: ParsedPaymentQuery["errors"] = {};
  const filters: PaymentFilterValues = {};

  const status = first(params.status);
  if (status) {
    if ((PAYMENT_STATUSES as readonly string[]).includes(status)) filters.status = status as Status;
    else errors.status = "Unknown status.";
  }
  const resource = first(params.resource);
  if (resource) {
    if (/^\d{1,9}$/.test(resource)) filters.resourceId = Number(resource);
    else errors.resource = "Unknown resource.";
  }
  const payer = first(params.payer);
  if (payer) {
    if (isAddress(payer, { strict: false })) filters.payer = getAddress(payer);
    else errors.payer = "Enter a full 0x address.";
  }
  const from = parseDay(first(params.from));
  if (from === null) errors.from = "Use a date like 2026-11-23.";
  else if (from) filters.from = from;
  const to = parseDay(first(params.to));
  if (to === null) errors.to = "Use a date like 2026-11-23.";
  else if (to) filters.to = new Date(to.getTime() + 86_400_000);
  if (filters.from && filters.to && filters.from >= filters.to) errors.to = "The end is before the start.";

  return { filters, errors, after: decodeCursor(first(params.after)), before: decodeCursor(first(params.before)) };
}

/** The query string for these filters (cursor left out), to build links that keep them. */
export function paymentFilterQuery(filters: PaymentFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  if (filters.resourceId !== undefined) query.set("resource", String(filters.resourceId));
  if (filters.payer) query.set("payer", filters.payer);
  if (filters.from) query.set("from", filters.from.toISOString().slice(0, 10));
  if (filters.to) query.set("to", new Date(filters.to.getTime() - 86_400_000).toISOString().slice(0, 10));
  return query;
}
