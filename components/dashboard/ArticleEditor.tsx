"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { ArticleEditorState, ArticleEditorValues, ArticleStatus } from "@/lib/content/article-rules";
import { renderMarkdown } from "@/lib/content/markdown";
import { ACCESS_UNITS } from "@/lib/resources/rules";
import { slugify } from "@/lib/content/slug";

const input =
  "w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-accent-600 aria-[invalid=true]:border-red-500";

function Field(props: {
  name: keyof ArticleEditorValues;
  label: string;
  hint?: string;
  error?: string;
  children: (aria: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = `article-${props.name}`;
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {props.label}
      </label>
      {props.children({
        id,
        name: props.name,
        "aria-invalid": props.error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
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

/** The article editor: markdown with a live preview, and the price and access window it sells for. */
export function ArticleEditor({
  action,
  initial,
  status,
}: {
  action: (state: ArticleEditorState, form: FormData) => Promise<ArticleEditorState>;
  initial: ArticleEditorValues;
  status: ArticleStatus | "new";
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ArticleEditorState);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const values = { ...initial, ...(state.status === "error" ? state.values : {}) };
  // The texts the preview follows. A new article's slug follows its title until edited by hand.
  const [title, setTitle] = useState(values.title);
  const [slug, setSlug] = useState(values.slug);
  const [slugTouched, setSlugTouched] = useState(status !== "new");
  const [teaser, setTeaser] = useState(values.teaser);
  const [body, setBody] = useState(values.body);

  const buttons =
    status === "published" || status === "scheduled"
      ? [
          { intent: "save", label: "Save changes", primary: true },
          { intent: "unpublish", label: "Unpublish", primary: false },
        ]
      : [
          { intent: "publish", label: "Publish", primary: true },
          { intent: "draft", label: "Save draft", primary: false },
        ];

  return (
    <form action={formAction} className="grid gap-6 lg:grid-cols-2" noValidate>
      <div className="space-y-5 rounded-xl border border-stone-200 bg-white p-6">
        <Field name="title" label="Title" error={errors.title}>
          {(aria) => (
            <input
              {...aria}
              value={title}
              onChange={(event) => {
                setTitle(event.target.value);
                if (!slugTouched) setSlug(slugify(event.target.value));
              }}
              className={input}
              maxLength={200}
              required
            />
          )}
        </Field>
        <Field
          name="slug"
          label="Slug"
          error={errors.slug}
          hint={
            status === "published"
              ? `/articles/${slug} — renaming keeps the old URL redirecting here.`
              : `/articles/${slug || "…"}`
          }
        >
          {(aria) => (
            <input
              {...aria}
              value={slug}
              onChange={(event) => {
                setSlugTouched(true);
                setSlug(event.target.value);
              }}
              className={`${input} font-mono`}
              spellCheck={false}
              autoComplete="off"
              required
            />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field name="author" label="Author" error={errors.author}>
            {(aria) => <input {...aria} defaultValue={values.author} className={input} maxLength={100} required />}
          </Field>
          <Field name="coverImageUrl" label="Cover image URL" error={errors.coverImageUrl} hint="Optional: https://… or /path.">
            {(aria) => <input {...aria} defaultValue={values.coverImageUrl} className={input} inputMode="url" />}
          </Field>
        </div>
        <Field name="teaser" label="Teaser (markdown, free)" error={errors.teaser} hint="Everyone reads this, people and programs.">
          {(aria) => (
            <textarea {...aria} value={teaser} onChange={(event) => setTeaser(event.target.value)} className={`${input} font-mono`} rows={4} />
          )}
        </Field>
        <Field name="body" label="Body (markdown, paid)" error={errors.body} hint="Only readers who paid (or hold a grant) get this.">
          {(aria) => (
            <textarea {...aria} value={body} onChange={(event) => setBody(event.target.value)} className={`${input} font-mono`} rows={16} />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-3">
          <Field name="price" label="Price (USDC)" error={errors.price} hint="Up to 6 decimals.">
            {(aria) => <input {...aria} defaultValue={values.price} inputMode="decimal" className={`${input} tabular-nums`} />}
          </Field>
          <Field name="accessAmount" label="Access window" error={errors.accessAmount} hint="0 = every view pays.">
            {(aria) => <input {...aria} defaultValue={values.accessAmount} inputMode="numeric" className={`${input} tabular-nums`} />}
          </Field>
          <Field name="accessUnit" label="Unit" error={errors.accessUnit}>
            {(aria) => (
              <select {...aria} defaultValue={values.accessUnit} className={input}>
                {Object.keys(ACCESS_UNITS).map((unit) => (
                  <option key={unit} value={unit}>
                    {unit}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {buttons.map((button) => (
            <button
              key={button.intent}
              type="submit"
              name="intent"
              value={button.intent}
              className={button.primary ? "button-primary" : "button-secondary"}
              disabled={pending}
            >
              {button.label}
            </button>
          ))}
          <Link href="/dashboard/articles" className="link-button text-sm">
            Cancel
          </Link>
          <p role="status" aria-live="polite" className="text-sm">
            {pending && <span className="text-stone-600">Saving…</span>}
            {!pending && state.status === "saved" && <span className="text-emerald-700">{state.message}</span>}
            {!pending && state.status === "error" && (
              <span className="text-red-700">{state.message ?? "Check the highlighted fields."}</span>
            )}
          </p>
        </div>
      </div>

      <section aria-label="Preview" className="space-y-4 rounded-xl border border-dashed border-stone-300 bg-stone-50 p-6">
        <p className="text-xs font-medium uppercase tracking-wide text-stone-500">Preview</p>
        <h2 className="font-serif text-3xl font-semibold tracking-tight">{title || "Untitled"}</h2>
        <div className="prose-article text-xl text-stone-700" dangerouslySetInnerHTML={{ __html: renderMarkdown(teaser) }} />
        <p className="border-t border-stone-200 pt-3 text-xs uppercase tracking-wide text-stone-500">Paid part</p>
        <div className="prose-article" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
      </section>
    </form>
  );
}
