import type { NextRequest } from "next/server";
import { currentAdmin } from "@/lib/auth/admin";
import { csvRow } from "@/lib/csv";
import { iteratePayments } from "@/lib/db/queries/payments";
import { toDecimalString } from "@/lib/money";
import { parsePaymentQuery } from "@/lib/payment-filters";

export const dynamic = "force-dynamic";

const HEADER = [
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
];

/** The filtered ledger as CSV, streamed in keyset batches so any size exports in constant memory. */
export async function GET(request: NextRequest) {
  if (!(await currentAdmin())) {
    return Response.json({ error: "not_signed_in", message: "Sign in as an administrator." }, { status: 401 });
  }
  const query = parsePaymentQuery(Object.fromEntries(request.nextUrl.searchParams));
  if (Object.keys(query.errors).length > 0) {
    return Response.json({ error: "invalid_filters", message: "Some filters are not valid.", fields: query.errors }, { status: 400 });
  }

  const encoder = new TextEncoder();
  const batches = iteratePayments(query.filters);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      const { value: rows, done } = await batches.next();
      if (done) return controller.close();
      const text = rows
        .map((payment) =>
          csvRow([
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
          ]),
        )
        .join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payments-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
