import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, like every page: a prerendered one would lack the CSP nonce (proxy.ts).
  await connection();
  return (
    <div className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <p className="text-sm font-medium text-accent-700 dark:text-accent-300">404</p>
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Nothing here</h1>
      <p className="text-stone-600 dark:text-stone-400">
        This page does not exist, or the article is no longer published. Nothing was charged.
      </p>
      <p>
        <Link href="/" className="link-button">
          See the articles
        </Link>
      </p>
    </div>
  );
}
