/**
 * The audit log in words: "Resource /api/insights changed by 0x7099…79C8 — Price: 0.01 USDC → 0.03 USDC".
 * Turns a stored entry (actor, action, snapshots before and after) into what the page shows; the
 * exact values stay alongside (`raw`) for whoever needs the record itself. No server imports.
 */
import { isAddress } from "viem";
import type { AuditEntry } from "@/lib/db/queries/audit";
import { SYSTEM_ACTORS, type AuditSnapshot } from "@/lib/db/schema";
import { shortAddress } from "@/lib/format/address";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { formatAccessWindow } from "@/lib/format/time";

/** A value as shown: text, or a moment (the page shows it in the reader's time zone). `raw` is as stored. */
export type AuditValue = { text: string; raw: string } | { date: Date; raw: string };

export interface AuditChange {
  field: string;
  label: string;
  /** Absent when the entry created the thing. */
  before?: AuditValue;
  after: AuditValue;
}

export type AuditActor = { kind: "wallet"; address: string } | { kind: "system"; phrase: string };

export interface DescribedAuditEntry {
  id: number;
  at: Date;
  /** "Resource", "Article", "Payment". */
  entity: string;
  /** What the entry is about: a path, a title, a payment number. */
  name: string;
  href?: string;
  /** "created", "changed", "published"… */
  verb: string;
  actor: AuditActor;
  changes: AuditChange[];
  /** The stored record, unchanged. */
  raw: Pick<AuditEntry, "actor" | "action" | "entity" | "entityId" | "before" | "after">;
}

const SYSTEM_PHRASES: Record<string, string> = {
  [SYSTEM_ACTORS.seed]: "as demo content",
  [SYSTEM_ACTORS.contentImport]: "by a content import",
  [SYSTEM_ACTORS.reconcileJob]: "by the reconcile job",
};

const VERBS: Record<string, string> = {
  create: "created",
  update: "changed",
  publish: "published",
  unpublish: "unpublished",
  activate: "put on sale",
  deactivate: "taken off sale",
  reconcile: "reconciled",
};

const ENTITIES: Record<string, { label: string; href: (id: string) => string }> = {
  resource: { label: "Resource", href: (id) => `/dashboard/resources/${id}` },
  article: { label: "Article", href: (id) => `/dashboard/articles/${id}` },
  payment: { label: "Payment", href: (id) => `/dashboard/payments/${id}` },
};

const LONG_TEXT = 120;
const text = (value: string) => (value.length > LONG_TEXT ? `${value.slice(0, LONG_TEXT - 1)}…` : value);
const count = (value: unknown, unit: string) => `${Number(value).toLocaleString("en-US")} ${unit}`;
const hex = (value: unknown) => shortAddress(String(value));

/** Each snapshot field the log knows: its label and how its value reads. Others show as stored. */
const FIELDS: Record<string, { label: string; show?: (value: unknown) => string | Date }> = {
  title: { label: "Title" },
  slug: { label: "Slug" },
  path: { label: "Path" },
  kind: { label: "Kind" },
  author: { label: "Author" },
  description: { label: "Description" },
  coverImageUrl: { label: "Cover image" },
  publishedAt: { label: "Published", show: (value) => new Date(String(value)) },
  teaserCharacters: { label: "Teaser length", show: (value) => count(value, "characters") },
  bodyCharacters: { label: "Body length", show: (value) => count(value, "characters") },
  price: { label: "Price", show: (value) => formatUsdcWithSymbol(BigInt(String(value))) },
  accessSeconds: {
    label: "Access window",
    show: (value) => (Number(value) > 0 ? formatAccessWindow(Number(value)) : "none (every use pays)"),
  },
  payTo: { label: "Pay to", show: hex },
  network: { label: "Network" },
  asset: { label: "Asset", show: hex },
  active: { label: "For sale", show: (value) => (value ? "yes" : "no") },
  status: { label: "Status" },
  txHash: { label: "Transaction", show: hex },
  errorReason: { label: "Reason" },
};

function value(field: string, stored: unknown): AuditValue {
  const raw = typeof stored === "string" ? stored : JSON.stringify(stored ?? null);
  if (stored === null || stored === undefined || stored === "") return { text: "none", raw };
  const show = FIELDS[field]?.show;
  try {
    const shown = show ? show(stored) : String(stored);
    if (shown instanceof Date) return Number.isNaN(shown.getTime()) ? { text: raw, raw } : { date: shown, raw };
    return { text: text(shown), raw };
  } catch {
    // A value older code stored in another shape: show it as it is rather than fail the page.
    return { text: text(raw), raw };
  }
}

/** Known fields in FIELDS' order (the database keeps JSON keys in its own), then the others. */
const FIELD_ORDER = Object.keys(FIELDS);
const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);

/** The fields that differ between before and after; for a creation, every field that has a value. */
function changes(before: AuditSnapshot | null, after: AuditSnapshot): AuditChange[] {
  return Object.keys(after)
    .sort((a, b) => rank(a) - rank(b))
    .filter((field) =>
      before ? JSON.stringify(before[field]) !== JSON.stringify(after[field]) : after[field] !== null && after[field] !== "",
    )
    .map((field) => ({
      field,
      label: FIELDS[field]?.label ?? field,
      before: before ? value(field, before[field]) : undefined,
      after: value(field, after[field]),
    }));
}

function actor(stored: string): AuditActor {
  if (isAddress(stored, { strict: false })) return { kind: "wallet", address: stored };
  return { kind: "system", phrase: SYSTEM_PHRASES[stored] ?? `by ${stored}` };
}

function name(entity: string, id: string, after: AuditSnapshot): string {
  if (entity === "article" && typeof after.title === "string") return `“${after.title}”`;
  if (entity === "resource" && typeof after.path === "string") return after.path;
  return `#${id}`;
}

export function describeAuditEntry(entry: AuditEntry): DescribedAuditEntry {
  const after = entry.after ?? {};
  const known = ENTITIES[entry.entity];
  const verb = entry.action.slice(entry.action.lastIndexOf(".") + 1);
  return {
    id: entry.id,
    at: entry.createdAt,
    entity: known?.label ?? entry.entity,
    name: name(entry.entity, entry.entityId, after),
    href: known?.href(entry.entityId),
    verb: VERBS[verb] ?? entry.action,
    actor: actor(entry.actor),
    changes: changes(entry.before, after),
    raw: { actor: entry.actor, action: entry.action, entity: entry.entity, entityId: entry.entityId, before: entry.before, after: entry.after },
  };
}
