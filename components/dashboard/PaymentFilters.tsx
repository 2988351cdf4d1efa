import Link from "next/link";
import type { Resource } from "@/lib/db/schema";
import { PAYMENT_STATUSES, type ParsedPaymentQuery } from "@/lib/dashboard/payment-filters";

type Raw = Record<string, string | string[] | undefined>;
const text = (raw: Raw, name: string) => {
  const value = raw[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

function Field({ label, htmlFor, error, children }: { label: string; htmlFor: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={htmlFor} className="text-xs font-medium text-stone-600">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${htmlFor}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const input = "rounded-lg border border-stone-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-accent-600";

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function PaymentFilters({ raw, errors, resources }: { raw: Raw; errors: ParsedPaymentQuery["errors"]; resources: Resource[] }) {
  return (
    <form method="get" className="grid grid-cols-2 gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter payments">
      <Field label="Status" htmlFor="status" error={errors.status}>
        <select id="status" name="status" defaultValue={text(raw, "status")} className={input}>
          <option value="">Any</option>
          {PAYMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Resource" htmlFor="resource" error={errors.resource}>
        <select id="resource" name="resource" defaultValue={text(raw, "resource")} className={input}>
          <option value="">Any</option>
          {resources.map((resource) => (
            <option key={resource.id} value={resource.id}>
              {resource.path}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Payer" htmlFor="payer" error={errors.payer}>
        <input
          id="payer"
          name="payer"
          defaultValue={text(raw, "payer")}
          placeholder="0x…"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={errors.payer ? true : undefined}
          aria-describedby={errors.payer ? "payer-error" : undefined}
          className={`${input} font-mono`}
        />
      </Field>
      <Field label="From (UTC)" htmlFor="from" error={errors.from}>
        <input id="from" name="from" type="date" defaultValue={text(raw, "from")} className={input} />
      </Field>
      <Field label="To (UTC, inclusive)" htmlFor="to" error={errors.to}>
        <input id="to" name="to" type="date" defaultValue={text(raw, "to")} className={input} />
      </Field>
      <div className="flex items-end gap-2">
        <button type="submit" className="button-primary">
          Apply
        </button>
        <Link href="/dashboard/payments" className="link-button text-sm">
          Clear
        </Link>
      </div>
    </form>
  );
}
