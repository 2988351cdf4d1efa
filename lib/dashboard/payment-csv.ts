/** The ledger export's lines (dashboard → Payments → Export CSV): amounts both in USDC and in atomic units. */
import { csvRow } from "./csv";
import type { PaymentRow } from "@/lib/db/queries/payments";
import { toDecimalString } from "@/lib/format/money";

export const PAYMENT_CSV_HEADER = csvRow([
  "id",
  "created_at",
  "settled_at",
  "status",
  "resource",
  "payer",
  "amount_usdc",
  "amount_atomic",
  "asset",
  "network",
  "pay_to",
  "tx_hash",
  "error_reason",
]);

export function paymentCsvRow(payment: PaymentRow): string {
  return csvRow([
    payment.id,
    payment.createdAt,
    payment.settledAt,
    payment.status,
    payment.resourcePath,
    payment.payer,
    toDecimalString(payment.amount),
    payment.amount,
    payment.asset,
    payment.network,
    payment.payTo,
    payment.txHash,
    payment.errorReason,
  ]);
}
