import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/db/queries/audit";
import { SYSTEM_ACTORS } from "@/lib/db/schema";
import { describeAuditEntry } from "./audit-log";

const ADMIN = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  actor: ADMIN,
  action: "resource.update",
  entity: "resource",
  entityId: "7",
  before: null,
  after: {},
  createdAt: new Date("2026-12-07T08:00:00Z"),
  ...fields,
});

describe("describeAuditEntry", () => {
  it("words a price and access change with labels, USDC and durations, keeping the stored values", () => {
    const described = describeAuditEntry(
      entry({
        before: { path: "/api/insights", price: "10000", accessSeconds: 86_400, active: true },
        after: { path: "/api/insights", price: "30000", accessSeconds: 172_800, active: true },
      }),
    );
    expect(described).toMatchObject({ entity: "Resource", name: "/api/insights", href: "/dashboard/resources/7", verb: "changed" });
    expect(described.actor).toEqual({ kind: "wallet", address: ADMIN });
    expect(described.changes).toEqual([
      { field: "price", label: "Price", before: { text: "0.01 USDC", raw: "10000" }, after: { text: "0.03 USDC", raw: "30000" } },
      {
        field: "accessSeconds",
        label: "Access window",
        before: { text: "24 hours", raw: "86400" },
        after: { text: "2 days", raw: "172800" },
      },
    ]);
  });

  it("says the seed's changes are demo content, and lists what a creation set", () => {
    const described = describeAuditEntry(
      entry({
        actor: SYSTEM_ACTORS.seed,
        action: "article.create",
        entity: "article",
        after: { title: "HTTP 402", coverImageUrl: null, publishedAt: "2026-11-02T00:00:00.000Z", bodyCharacters: 1234, accessSeconds: 0 },
      }),
    );
    expect(described).toMatchObject({ entity: "Article", name: "“HTTP 402”", verb: "created", actor: { kind: "system", phrase: "as demo content" } });
    expect(described.changes.map((change) => [change.label, change.before, change.after])).toEqual([
      ["Title", undefined, { text: "HTTP 402", raw: "HTTP 402" }],
      ["Published", undefined, { date: new Date("2026-11-02T00:00:00.000Z"), raw: "2026-11-02T00:00:00.000Z" }],
      ["Body length", undefined, { text: "1,234 characters", raw: "1234" }],
      ["Access window", undefined, { text: "none (every use pays)", raw: "0" }],
    ]);
  });

  it("names the reconcile job and a payment, and shows an unknown actor or field as stored, after the known ones", () => {
    const reconciled = describeAuditEntry(
      entry({
        actor: SYSTEM_ACTORS.reconcileJob,
        action: "payment.reconcile",
        entity: "payment",
        entityId: "12",
        before: { status: "pending", errorReason: "timeout" },
        after: { status: "settled", errorReason: null },
      }),
    );
    expect(reconciled).toMatchObject({ name: "#12", verb: "reconciled", actor: { phrase: "by the reconcile job" } });
    expect(reconciled.changes[1]).toMatchObject({ label: "Reason", before: { text: "timeout" }, after: { text: "none", raw: "null" } });

    const odd = describeAuditEntry(entry({ actor: "ops-script", action: "resource.retune", after: { mood: "calm", price: "not a number" } }));
    expect(odd).toMatchObject({ verb: "resource.retune", actor: { phrase: "by ops-script" } });
    expect(odd.changes).toEqual([
      { field: "price", label: "Price", before: undefined, after: { text: "not a number", raw: "not a number" } },
      { field: "mood", label: "mood", before: undefined, after: { text: "calm", raw: "calm" } },
    ]);
  });
});
