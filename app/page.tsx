import Link from "next/link";
import { listArticles } from "@/lib/db/queries/articles";
import { formatAccessWindow, formatDate } from "@/lib/format";
import { formatUsdcWithSymbol } from "@/lib/money";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const articles = await listArticles();
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <section>
        <h1 className="font-serif text-4xl font-semibold tracking-tight">Read one article, pay for one article.</h1>
        <p className="mt-3 max-w-2xl text-stone-600">
          Every piece here costs a few cents in USDC, paid from your wallet over HTTP 402. No account, no subscription;
          access lasts for the article&apos;s window.
        </p>
      </section>

      {articles.length === 0 ? (
        <p className="rounded-xl border border-dashed border-stone-300 p-8 text-center text-stone-600">
          No articles yet. Run <code className="font-mono">npm run dev</code> to seed the demo articles.
        </p>
      ) : (
        <ul className="space-y-6">
          {articles.map((article) => (
            <li key={article.slug} className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
              <article>
                <h2 className="font-serif text-2xl font-semibold">
                  <Link href={`/articles/${article.slug}`} className="hover:text-accent-700">
                    {article.title}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-stone-500">
                  {article.author} · {formatDate(article.publishedAt)}
                </p>
                <p className="mt-3 text-stone-700">{article.teaser}</p>
                <p className="mt-4 flex flex-wrap items-center gap-2 text-sm">
                  <span className="badge bg-accent-50 text-accent-700">{formatUsdcWithSymbol(article.price)}</span>
                  <span className="text-stone-500">access for {formatAccessWindow(article.accessSeconds)}</span>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}

      <section className="rounded-2xl border border-stone-200 bg-white p-6">
        <h2 className="text-lg font-semibold">For programs: the same prices over HTTP</h2>
        <p className="mt-2 text-sm text-stone-600">
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
