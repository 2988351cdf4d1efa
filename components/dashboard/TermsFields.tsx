import { Field } from "@/components/ui/Field";
import { ACCESS_UNITS } from "@/lib/resources/rules";

type Terms = "price" | "accessAmount" | "accessUnit";

/** The terms an article or a resource sells on: its price, and how long one payment opens it. */
export function TermsFields({
  values,
  errors,
  perUse,
}: {
  values: Record<Terms, string>;
  errors: Partial<Record<Terms, string>>;
  /** What each payment buys without an access window: a "view" (articles) or a "request" (APIs). */
  perUse: "view" | "request";
}) {
  return (
    <div className="grid gap-5 sm:grid-cols-3">
      <Field name="price" label="Price (USDC)" error={errors.price} hint="Up to 6 decimals, e.g. 0.05.">
        {(control) => <input {...control} defaultValue={values.price} inputMode="decimal" className="input tabular-nums" required />}
      </Field>
      <Field name="accessAmount" label="Access window" error={errors.accessAmount} hint={`0 = every ${perUse} pays.`}>
        {(control) => <input {...control} defaultValue={values.accessAmount} inputMode="numeric" className="input tabular-nums" />}
      </Field>
      <Field name="accessUnit" label="Unit" error={errors.accessUnit}>
        {(control) => (
          <select {...control} defaultValue={values.accessUnit} className="input">
            {Object.keys(ACCESS_UNITS).map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
