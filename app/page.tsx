import { cookies } from "next/headers";
import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { EmptyState } from "@/components/ui/EmptyState";
import { LocalTime } from "@/components/ui/LocalTime";
import { Notice } from "@/components/ui/Notice";
import { readPasses, readUnlocked } from "@/lib/access/grants";
import { listPublishedArticles } from "@/lib/db/queries/articles";
import { listPassesForSale } from "@/lib/db/queries/resources";
import { formatAccessWindow, formatDate } from "@/lib/format/time";
import { markdownToPlainText } from "@/lib/content/markdown";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { site } from "@/lib/site";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [articles, passes, cookieStore] = await Promise.all([listPublishedArticles(), listPassesForSale(), cookies()]);
  const unlocked = readUnlocked(cookieStore);
  const [heldPass] = await readPasses(cookieStore);
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <section>
        <h1 className="font-serif text-4xl font-semibold tracking-tight">{site.name}</h1>
        <p className="mt-3 max-w-2xl text-stone-600 dark:text-stone-400">
          {site.description} Pay for the one article you want from your wallet; access lasts for the article&apos;s
          window.
        </p>
      </section>

      {heldPass ? (
        <Notice tone="success" data-testid="pass-active">
          Your pass opens every article until <LocalTime date={new Date(heldPass.expiresAt * 1000)} />.
        </Notice>
      ) : (
        passes.map((pass) => (
          <Link
            key={pass.id}
            href={pass.path}
            className="block rounded-2xl border border-accent-600/30 bg-accent-50 p-4 hover:border-accent-600 dark:border-accent-300/30 dark:bg-accent-950 dark:hover:border-accent-300"
          >
            <span className="font-semibold text-accent-700 dark:text-accent-300">{pass.title}</span>
            <span className="text-stone-700 dark:text-stone-300">
              {" "}
              — {pass.description} {formatUsdcWithSymbol(pass.price)}.
            </span>
          </Link>
        ))
      )}

      {articles.length === 0 ? (
        <EmptyState title="No articles yet">
          Write one in the <Link href="/dashboard/articles/new" className="link-button">dashboard</Link>, or import
          markdown files with <code className="font-mono">npm run content:import -- content/</code>.
        </EmptyState>
      ) : (
        <ul className="space-y-6">
          {articles.map((article) => (
            <li key={article.slug} className="card overflow-hidden rounded-2xl">
              <article>
                {article.coverImageUrl && (
                  // eslint-disable-next-line @next/next/no-img-element -- covers may live on any host the writer chose
                  <img src={article.coverImageUrl} alt="" className="h-48 w-full object-cover" loading="lazy" />
                )}
                <div className="p-6">
                  <h2 className="font-serif text-2xl font-semibold">
                    <Link href={`/articles/${article.slug}`} className="hover:text-accent-700 dark:hover:text-accent-300">
                      {article.title}
                    </Link>
                  </h2>
                  <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
                    {article.author} · {formatDate(article.publishedAt)}
                  </p>
                  <p className="mt-3 text-stone-700 dark:text-stone-300">{markdownToPlainText(article.teaser, 400)}</p>
                  <p className="mt-4 flex flex-wrap items-center gap-2 text-sm">
                    {heldPass || unlocked.has(article.resourceId) ? (
                      <Badge tone="success" data-testid="unlocked-badge">
                        Unlocked
                      </Badge>
                    ) : (
                      <Badge tone="accent">{formatUsdcWithSymbol(article.price)}</Badge>
                    )}
                    <span className="text-stone-600 dark:text-stone-400">
                      {article.accessSeconds > 0 ? `access for ${formatAccessWindow(article.accessSeconds)}` : "pay per view"}
                    </span>
                  </p>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}

      <section className="card rounded-2xl p-6">
        <h2 className="text-lg font-semibold">For programs: the same prices over HTTP</h2>
        <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
          Every article URL and <code className="font-mono">/api/insights</code> answer 402 with a{" "}
          <code className="font-mono">PAYMENT-REQUIRED</code> header; x402 clients such as{" "}
          <code className="font-mono">@x402/fetch</code> pay and retry. The price list is at{" "}
          <a className="link-button" href="/.well-known/x402">
            /.well-known/x402
          </a>
          .
        </p>
      </section>
    </div>
  );
}
