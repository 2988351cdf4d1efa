"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/Field";
import { TEXT_TONES } from "@/components/ui/tone";
import type { ArticleEditorState, ArticleEditorValues, ArticleStatus } from "@/lib/content/article-rules";
import { renderMarkdown } from "@/lib/content/markdown";
import { slugify } from "@/lib/content/slug";
import { TermsFields } from "./TermsFields";

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
    <form action={formAction} className="grid grid-cols-1 gap-6 lg:grid-cols-2" noValidate>
      <div className="card min-w-0 space-y-5 p-4 sm:p-6">
        <Field name="title" label="Title" error={errors.title}>
          {(control) => (
            <input
              {...control}
              value={title}
              onChange={(event) => {
                setTitle(event.target.value);
                if (!slugTouched) setSlug(slugify(event.target.value));
              }}
              className="input"
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
          {(control) => (
            <input
              {...control}
              value={slug}
              onChange={(event) => {
                setSlugTouched(true);
                setSlug(event.target.value);
              }}
              className="input font-mono"
              spellCheck={false}
              autoComplete="off"
              required
            />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field name="author" label="Author" error={errors.author}>
            {(control) => <input {...control} defaultValue={values.author} className="input" maxLength={100} required />}
          </Field>
          <Field name="coverImageUrl" label="Cover image URL" error={errors.coverImageUrl} hint="Optional: https://… or /path.">
            {(control) => <input {...control} defaultValue={values.coverImageUrl} className="input" inputMode="url" />}
          </Field>
        </div>
        <Field name="teaser" label="Teaser (markdown, free)" error={errors.teaser} hint="Everyone reads this, people and programs.">
          {(control) => (
            <textarea {...control} value={teaser} onChange={(event) => setTeaser(event.target.value)} className="input font-mono" rows={4} />
          )}
        </Field>
        <Field name="body" label="Body (markdown, paid)" error={errors.body} hint="Only readers who paid (or hold a grant) get this.">
          {(control) => (
            <textarea {...control} value={body} onChange={(event) => setBody(event.target.value)} className="input font-mono" rows={16} />
          )}
        </Field>
        <TermsFields values={values} errors={errors} perUse="view" />
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
            {pending && <span className="text-stone-600 dark:text-stone-400">Saving…</span>}
            {!pending && state.status === "saved" && <span className={TEXT_TONES.success}>{state.message}</span>}
            {!pending && state.status === "error" && (
              <span className={TEXT_TONES.danger}>{state.message ?? "Check the highlighted fields."}</span>
            )}
          </p>
        </div>
      </div>

      <section
        aria-label="Preview"
        className="min-w-0 space-y-4 rounded-xl border border-dashed border-stone-300 bg-stone-50 p-4 sm:p-6 dark:border-stone-700 dark:bg-stone-900/50"
      >
        <p className="text-xs font-medium tracking-wide text-stone-600 uppercase dark:text-stone-400">Preview</p>
        <h2 className="font-serif text-3xl font-semibold tracking-tight break-words">{title || "Untitled"}</h2>
        <div className="prose-article text-xl text-stone-700 dark:text-stone-300" dangerouslySetInnerHTML={{ __html: renderMarkdown(teaser) }} />
        <p className="border-t border-stone-200 pt-3 text-xs tracking-wide text-stone-600 uppercase dark:border-stone-700 dark:text-stone-400">
          Paid part
        </p>
        <div className="prose-article" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
      </section>
    </form>
  );
}
