/**
 * Markdown to safe HTML, for article teasers and bodies (and the editor's preview, in the
 * browser): raw HTML in the markdown is shown as text, never run; links and images may only point
 * to http(s), mailto or the same site. Everything a writer needs (headings, emphasis, lists,
 * quotes, code, tables, links, images) still works.
 */
import MarkdownIt from "markdown-it";

/** http(s) and mailto links, or URLs without a scheme (relative to the site). */
function isSafeUrl(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ""))?.[1];
  return scheme === undefined || ["http", "https", "mailto"].includes(scheme.toLowerCase());
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
markdown.validateLink = isSafeUrl;

// Links leave the site without leaking where the reader came from or handing it a window.opener.
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const href = String(token.attrGet("href") ?? "");
  // Any http(s) URL, not only "https://…": browsers read "http:host" as another site too.
  if (/^(?:https?:|\/\/)/i.test(href)) token.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, index, options, env, self);
};

// A wide table scrolls sideways in its own box (.prose-article): focusable, so a keyboard can scroll it too.
markdown.renderer.rules.table_open = (tokens, index, options, _env, self) => {
  tokens[index]!.attrSet("tabindex", "0");
  return self.renderToken(tokens, index, options);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Plain text of a markdown snippet (for descriptions and 402 messages), at most `maxLength` characters. */
export function markdownToPlainText(source: string, maxLength = 280): string {
  const text = markdown
    .render(source)
    // Block ends separate words; inline tags (emphasis, links) do not: "the *free* part." stays one sentence.
    .replace(/<\/(?:p|li|h[1-6]|blockquote|pre|td|th|tr)>|<br\s*\/?>|<hr\s*\/?>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
