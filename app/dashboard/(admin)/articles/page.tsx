import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { EmptyState } from "@/components/ui/EmptyState";
import { Table } from "@/components/ui/Table";
import type { Tone } from "@/components/ui/tone";
import { requireAdmin } from "@/lib/auth/admin";
import { listArticles } from "@/lib/db/queries/articles";
import { formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { articleStatus, type ArticleStatus } from "@/lib/content/article-rules";

export const metadata: Metadata = { title: "Articles" };

const TONES: Record<ArticleStatus, Tone> = { draft: "neutral", scheduled: "info", published: "success" };

export default async function ArticlesPage() {
  await requireAdmin();
  const articles = await listArticles();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Articles</h1>
        <Link href="/dashboard/articles/new" className="button-primary">
          New article
        </Link>
      </div>
      {articles.length === 0 ? (
        <EmptyState title="No articles yet">
          Write one, or import a folder of markdown files with <code className="font-mono">npm run content:import</code>.
        </EmptyState>
      ) : (
        <Table
          label="Articles"
          rows={articles}
          rowKey={({ article }) => article.id}
          rowTestId="article-row"
          columns={[
            {
              header: "Title",
              phone: "title",
              cell: ({ article }) => (
                <>
                  {article.title}
                  <span className="block font-mono text-xs font-normal break-words text-stone-600 dark:text-stone-400">
                    /articles/{article.slug}
                  </span>
                </>
              ),
            },
            {
              header: "Status",
              phone: "key",
              cell: ({ article }) => {
                const status = articleStatus(article);
                return <Badge tone={TONES[status]}>{status}</Badge>;
              },
            },
            { header: "Price", numeric: true, phone: "key", cell: ({ resource }) => formatUsdcWithSymbol(resource.price) },
            { header: "Last change", className: "whitespace-nowrap", cell: ({ article }) => formatDateTime(article.updatedAt) },
            {
              header: "Edit",
              hideHeader: true,
              phone: "end",
              className: "text-right",
              cell: ({ article }) => (
                <Link href={`/dashboard/articles/${article.id}`} className="link-button text-xs">
                  Edit <span className="sr-only">{article.title}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
