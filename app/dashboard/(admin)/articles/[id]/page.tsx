import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleEditor } from "@/components/dashboard/ArticleEditor";
import { BackLink } from "@/components/dashboard/BackLink";
import { requireAdmin } from "@/lib/auth/admin";
import { findArticle } from "@/lib/db/queries/articles";
import { formatDateTime } from "@/lib/format/time";
import { toDecimalString } from "@/lib/format/money";
import { accessWindowParts } from "@/lib/resources/rules";
import { saveArticleAction } from "../actions";
import { articleStatus } from "@/lib/content/article-rules";

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const found = /^\d{1,9}$/.test(id) ? await findArticle({ id: Number(id) }) : undefined;
  if (!found) notFound();
  const { article, resource } = found;
  const status = articleStatus(article);
  const window = accessWindowParts(resource.accessSeconds);

  return (
    <div className="space-y-4">
      <BackLink href="/dashboard/articles">Articles</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{article.title}</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {status === "draft" && "Draft: not on the site, not for sale."}
          {status === "scheduled" && `Scheduled for ${formatDateTime(article.publishedAt!)}.`}
          {status === "published" && (
            <>
              Published {formatDateTime(article.publishedAt!)} ·{" "}
              <Link href={`/articles/${article.slug}`} className="link-button">
                View on the site
              </Link>
            </>
          )}
        </p>
      </div>
      <ArticleEditor
        // Publishing or unpublishing changes the buttons: start the form afresh.
        key={status}
        action={saveArticleAction.bind(null, article.id)}
        status={status}
        initial={{
          title: article.title,
          slug: article.slug,
          author: article.author,
          coverImageUrl: article.coverImageUrl ?? "",
          teaser: article.teaser,
          body: article.body,
          price: toDecimalString(resource.price),
          accessAmount: String(window.amount),
          accessUnit: window.unit,
        }}
      />
    </div>
  );
}
