import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/EmptyState";
import { requireAdmin } from "@/lib/auth/admin";
import { listArticles } from "@/lib/db/queries/articles";
import { formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { articleStatus } from "@/lib/content/article-rules";

export const metadata: Metadata = { title: "Articles" };

const BADGES = {
  draft: "bg-stone-100 text-stone-700",
  scheduled: "bg-sky-100 text-sky-800",
  published: "bg-emerald-100 text-emerald-800",
} as const;

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
        <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-xs uppercase text-stone-500">
              <tr>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2 text-right">Price</th>
                <th scope="col" className="px-3 py-2">Last change (UTC)</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Edit</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {articles.map(({ article, resource }) => {
                const status = articleStatus(article);
                return (
                  <tr key={article.id} data-testid="article-row">
                    <td className="px-3 py-2">
                      {article.title}
                      <span className="block font-mono text-xs text-stone-500">/articles/{article.slug}</span>
                    </td>
                    <td className="px-3 py-2">
                      <span className={`badge ${BADGES[status]}`}>{status}</span>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatUsdcWithSymbol(resource.price)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-stone-600">{formatDateTime(article.updatedAt)}</td>
                    <td className="px-3 py-2 text-right">
                      <Link href={`/dashboard/articles/${article.id}`} className="link-button text-xs">
                        Edit <span className="sr-only">{article.title}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
