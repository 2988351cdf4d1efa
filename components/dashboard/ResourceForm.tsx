"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/Field";
import { TEXT_TONES } from "@/components/ui/tone";
import type { ResourceFormState, ResourceFormValues, ResourceKind } from "@/lib/resources/rules";
import { TermsFields } from "./TermsFields";

const KIND_LABELS: Record<ResourceKind, string> = { api: "API route", page: "Page (article)", pass: "Pass (every article)" };

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
    <form action={formAction} className="card space-y-5 p-4 sm:p-6" noValidate>
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
          {(control) =>
            mode === "edit" ? (
              <>
                <input {...control} className="input" value={KIND_LABELS[values.kind]} disabled readOnly />
                <input type="hidden" name="kind" value={values.kind} />
              </>
            ) : (
              <select {...control} defaultValue={values.kind} className="input">
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
          {(control) => (
            <input
              {...control}
              defaultValue={values.path}
              readOnly={pathLocked}
              className="input font-mono"
              spellCheck={false}
              autoComplete="off"
              required
            />
          )}
        </Field>
      </div>
      <Field name="title" label="Title" error={errors.title}>
        {(control) => <input {...control} defaultValue={values.title} className="input" required maxLength={200} />}
      </Field>
      <Field name="description" label="Description" error={errors.description} hint="Shown in 402 responses and the price list.">
        {(control) => <textarea {...control} defaultValue={values.description} className="input" rows={3} maxLength={1000} />}
      </Field>
      <TermsFields values={values} errors={errors} perUse="request" />
      <Field name="payTo" label="Pay to" error={errors.payTo} hint={`The address that receives payments, on ${networkLabel}.`}>
        {(control) => (
          <input {...control} defaultValue={values.payTo} className="input font-mono" spellCheck={false} autoComplete="off" required />
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
          {state.status === "saved" && <span className={TEXT_TONES.success}>{state.message}</span>}
          {state.status === "error" && state.message && <span className={TEXT_TONES.danger}>{state.message}</span>}
        </p>
      </div>
    </form>
  );
}
