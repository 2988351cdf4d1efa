import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { ArticleMarkdown } from "@/components/ArticleMarkdown";
import { Paywall } from "@/components/paywall/Paywall";
import { Receipt } from "@/components/ui/Receipt";
import { readGrant } from "@/lib/access/grants";
import { clientChain } from "@/lib/wallet/client-chain";
import { findPublishedArticle, findRenamedArticleSlug } from "@/lib/db/queries/articles";
import { env } from "@/lib/env";
import { formatAccessWindow, formatDate } from "@/lib/format/time";
import { markdownToPlainText } from "@/lib/content/markdown";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { articlePath } from "@/lib/content/slug";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await findPublishedArticle((await params).slug);
  if (!found) return {};
  const description = markdownToPlainText(found.article.teaser, 160);
  return {
    title: found.article.title,
    description,
    openGraph: { title: found.article.title, description, images: found.article.coverImageUrl ?? undefined },
  };
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const found = await findPublishedArticle(slug);
  if (!found) {
    const renamed = await findRenamedArticleSlug(slug);
    if (renamed) permanentRedirect(articlePath(renamed));
    notFound();
  }
  const { article, resource } = found;
  // The proxy already decided who pays; the page checks the grant again so that no route to this
  // component (another matcher, a rewrite, a client navigation) can ever render the body unpaid.
  const grant = await readGrant(await cookies(), resource);
  const priceLabel = formatUsdcWithSymbol(resource.price);

  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-4">
        {article.coverImageUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- covers may live on any host the writer chose
          <img src={article.coverImageUrl} alt="" className="max-h-96 w-full rounded-2xl object-cover" />
        )}
        <h1 className="font-serif text-3xl font-semibold tracking-tight break-words sm:text-4xl">{article.title}</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {article.author} · {formatDate(article.publishedAt!)} · {priceLabel}
        </p>
      </header>

      <ArticleMarkdown source={article.teaser} className="text-xl text-stone-700 dark:text-stone-300" />
      {grant && <ArticleMarkdown source={article.body} />}

      {grant ? (
        <Receipt title="Unlocked" grant={grant} explorerUrl={env.network.explorerUrl} />
      ) : (
        <Paywall
          resourcePath={resource.path}
          price={resource.price.toString()}
          priceLabel={priceLabel}
          accessLabel={
            resource.accessSeconds > 0
              ? `You keep access for ${formatAccessWindow(resource.accessSeconds)}.`
              : "Each view is paid separately."
          }
          chain={clientChain(env)}
          canSignIn={resource.accessSeconds > 0}
          payPerView={resource.accessSeconds === 0}
        />
      )}
    </article>
  );
}
