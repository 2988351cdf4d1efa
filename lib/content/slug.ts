/**
 * Article slugs: the last segment of `/articles/<slug>`. Lower-case words of letters and digits
 * joined by single hyphens, so every article has exactly one spelling of its URL.
 */
export const SLUG_MAX_LENGTH = 80;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `slug` is not a valid slug, or `undefined` when it is. */
export function slugProblem(slug: string): string | undefined {
  if (slug.length === 0) return "Enter a slug.";
  if (slug.length > SLUG_MAX_LENGTH) return `Keep the slug under ${SLUG_MAX_LENGTH} characters.`;
  if (!SLUG.test(slug)) return "Use lower-case letters and digits, with single hyphens between words (like my-first-article).";
  return undefined;
}

/** A slug suggested from a title: "Why HTTP 402?" → "why-http-402". */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
}

export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}
