"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ACCESS_UNITS, type ResourceFormState, type ResourceFormValues, type ResourceKind } from "@/lib/resources/rules";

const KIND_LABELS: Record<ResourceKind, string> = { api: "API route", page: "Page (article)", pass: "Pass (every article)" };

const input =
  "w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-accent-600 aria-[invalid=true]:border-red-500 disabled:bg-stone-100 disabled:text-stone-500";

function Field(props: {
  name: keyof ResourceFormValues;
  label: string;
  hint?: string;
  error?: string;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = `resource-${props.name}`;
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {props.label}
      </label>
      {props.children({ id, "aria-invalid": props.error ? true : undefined, "aria-describedby": described || undefined })}
      {props.hint && (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function ResourceForm({
  action,
  initial,
  mode,
  networkLabel,
}: {
  action: (state: ResourceFormState, form: FormData) => Promise<ResourceFormState>;
  initial: ResourceFormValues;
  mode: "create" | "edit";
  networkLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ResourceFormState);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  // After a failed submit the form shows what was typed, not the saved values.
  const values = { ...initial, ...(state.status === "error" ? state.values : {}) };
  const pathLocked = mode === "edit" && initial.kind === "page";

  return (
    <form action={formAction} className="space-y-5 rounded-xl border border-stone-200 bg-white p-6" noValidate>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          name="kind"
          label="Kind"
          error={errors.kind}
          hint={
            mode === "edit"
              ? "The kind of a resource cannot change."
              : "A pass opens every article for its access window. Articles are created under Articles."
          }
        >
          {(aria) =>
            mode === "edit" ? (
              <>
                <input {...aria} className={input} value={KIND_LABELS[values.kind]} disabled readOnly />
                <input type="hidden" name="kind" value={values.kind} />
              </>
            ) : (
              <select {...aria} name="kind" defaultValue={values.kind} className={input}>
                <option value="api">{KIND_LABELS.api}</option>
                <option value="pass">{KIND_LABELS.pass}</option>
              </select>
            )
          }
        </Field>
        <Field
          name="path"
          label="Path"
          error={errors.path}
          hint={pathLocked ? "An article's path follows its slug." : "Like /api/report, or /passes/day for a pass."}
        >
          {(aria) => (
            <input
              {...aria}
              name="path"
              defaultValue={values.path}
              readOnly={pathLocked}
              className={`${input} font-mono`}
              spellCheck={false}
              autoComplete="off"
              required
            />
          )}
        </Field>
      </div>
      <Field name="title" label="Title" error={errors.title}>
        {(aria) => <input {...aria} name="title" defaultValue={values.title} className={input} required maxLength={200} />}
      </Field>
      <Field name="description" label="Description" error={errors.description} hint="Shown in 402 responses and the price list.">
        {(aria) => <textarea {...aria} name="description" defaultValue={values.description} className={input} rows={3} maxLength={1000} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field name="price" label="Price (USDC)" error={errors.price} hint="Up to 6 decimals, e.g. 0.05.">
          {(aria) => (
            <input {...aria} name="price" defaultValue={values.price} inputMode="decimal" className={`${input} tabular-nums`} required />
          )}
        </Field>
        <Field name="accessAmount" label="Access window" error={errors.accessAmount} hint="0 = every request pays.">
          {(aria) => (
            <input {...aria} name="accessAmount" defaultValue={values.accessAmount} inputMode="numeric" className={`${input} tabular-nums`} />
          )}
        </Field>
        <Field name="accessUnit" label="Unit" error={errors.accessUnit}>
          {(aria) => (
            <select {...aria} name="accessUnit" defaultValue={values.accessUnit} className={input}>
              {Object.keys(ACCESS_UNITS).map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="payTo" label="Pay to" error={errors.payTo} hint={`The address that receives payments, on ${networkLabel}.`}>
        {(aria) => (
          <input {...aria} name="payTo" defaultValue={values.payTo} className={`${input} font-mono`} spellCheck={false} autoComplete="off" required />
        )}
      </Field>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="button-primary" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create resource" : "Save changes"}
        </button>
        <Link href="/dashboard/resources" className="link-button text-sm">
          Cancel
        </Link>
        <p role="status" aria-live="polite" className="text-sm">
          {state.status === "saved" && <span className="text-emerald-700">{state.message}</span>}
          {state.status === "error" && state.message && <span className="text-red-700">{state.message}</span>}
        </p>
      </div>
    </form>
  );
}
