import type { PaymentStatus } from "@/lib/db/schema";

const STYLES: Record<PaymentStatus, string> = {
  settled: "bg-emerald-100 text-emerald-800",
  pending: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={`badge ${STYLES[status]}`}>{status}</span>;
}
