import type { Metadata } from "next";
import { ArticleEditor } from "@/components/dashboard/ArticleEditor";
import { requireAdmin } from "@/lib/auth/admin";
import { accessWindowParts } from "@/lib/resources/rules";
import { site } from "@/lib/site";
import { saveArticleAction } from "../actions";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage() {
  await requireAdmin();
  const window = accessWindowParts(site.defaultAccessSeconds);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">New article</h1>
      <ArticleEditor
        action={saveArticleAction.bind(null, null)}
        status="new"
        initial={{
          title: "",
          slug: "",
          author: site.name,
          coverImageUrl: "",
          teaser: "",
          body: "",
          price: site.defaultPrice,
          accessAmount: String(window.amount),
          accessUnit: window.unit,
        }}
      />
    </div>
  );
}
