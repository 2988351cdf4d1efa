import type { NextRequest } from "next/server";
import { currentAdmin } from "@/lib/auth/admin";
import { iteratePayments } from "@/lib/db/queries/payments";
import { PAYMENT_CSV_HEADER, paymentCsvRow } from "@/lib/dashboard/payment-csv";
import { parsePaymentQuery } from "@/lib/dashboard/payment-filters";

export const dynamic = "force-dynamic";

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
      controller.enqueue(encoder.encode(PAYMENT_CSV_HEADER));
    },
    async pull(controller) {
      const { value: rows, done } = await batches.next();
      if (done) return controller.close();
      controller.enqueue(encoder.encode(rows.map(paymentCsvRow).join("")));
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
