import type { PaymentStatus } from "@/lib/db/schema";
import { Badge } from "./Badge";
import type { Tone } from "./tone";

const TONES: Record<PaymentStatus, Tone> = { settled: "success", pending: "warning", failed: "danger" };

/** A payment's status, for the publisher and for the reader who paid. */
export function StatusBadge({ status }: { status: PaymentStatus }) {
  return <Badge tone={TONES[status]}>{status}</Badge>;
}
