import { renderMarkdown } from "@/lib/content/markdown";

/** Article markdown as HTML. Safe to inject: lib/markdown.ts escapes raw HTML and unsafe URLs. */
export function ArticleMarkdown({ source, className = "" }: { source: string; className?: string }) {
  return <div className={`prose-article ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
