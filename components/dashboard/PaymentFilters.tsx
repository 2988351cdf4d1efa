import Link from "next/link";
import { Field } from "@/components/ui/Field";
import type { Resource } from "@/lib/db/schema";
import { PAYMENT_STATUSES, type ParsedPaymentQuery } from "@/lib/dashboard/payment-filters";

type Raw = Record<string, string | string[] | undefined>;
const text = (raw: Raw, name: string) => {
  const value = raw[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function PaymentFilters({ raw, errors, resources }: { raw: Raw; errors: ParsedPaymentQuery["errors"]; resources: Resource[] }) {
  return (
    <form method="get" className="card grid grid-cols-2 gap-3 p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter payments">
      <Field name="status" label="Status" error={errors.status}>
        {(control) => (
          <select {...control} defaultValue={text(raw, "status")} className="input">
            <option value="">Any</option>
            {PAYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="resource" label="Resource" error={errors.resource}>
        {(control) => (
          <select {...control} defaultValue={text(raw, "resource")} className="input">
            <option value="">Any</option>
            {resources.map((resource) => (
              <option key={resource.id} value={resource.id}>
                {resource.path}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="payer" label="Payer" error={errors.payer}>
        {(control) => (
          <input {...control} defaultValue={text(raw, "payer")} placeholder="0x…" spellCheck={false} autoComplete="off" className="input font-mono" />
        )}
      </Field>
      <Field name="from" label="From (UTC)" error={errors.from}>
        {(control) => <input {...control} type="date" defaultValue={text(raw, "from")} className="input" />}
      </Field>
      <Field name="to" label="To (UTC, inclusive)" error={errors.to}>
        {(control) => <input {...control} type="date" defaultValue={text(raw, "to")} className="input" />}
      </Field>
      <div className="flex items-end gap-3">
        <button type="submit" className="button-primary">
          Apply
        </button>
        <Link href="/dashboard/payments" className="link-button py-2 text-sm">
          Clear
        </Link>
      </div>
    </form>
  );
}
