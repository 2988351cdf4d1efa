import type { Metadata } from "next";
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import { env } from "@/lib/env";
import { site } from "@/lib/site";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: site.name, template: `%s · ${site.name}` },
  description: site.description,
  metadataBase: new URL(env.siteUrl),
};

const NAV_LINK = "whitespace-nowrap text-stone-600 hover:text-stone-900 dark:text-stone-300 dark:hover:text-white";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" style={{ "--site-accent": site.accentColor } as CSSProperties}>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100">
        <header className="border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3">
            <Link href="/" className="flex min-w-0 items-center gap-2 font-semibold tracking-tight">
              {/* eslint-disable-next-line @next/next/no-img-element -- a tiny logo that may be an external URL */}
              <img src={site.logo} alt="" width={28} height={28} className="rounded-md" />
              {site.name}
            </Link>
            <div className="flex items-center gap-4 text-sm">
              <span className="hidden sm:inline-flex">
                <Badge>{env.network.label}</Badge>
              </span>
              <Link href="/purchases" className={NAV_LINK}>
                My purchases
              </Link>
              <Link href="/dashboard" className={NAV_LINK}>
                Dashboard
              </Link>
            </div>
          </nav>
        </header>
        <main className="mx-auto max-w-5xl px-4 py-10">{children}</main>
        <footer className="mx-auto max-w-5xl px-4 pb-10 text-xs text-stone-600 dark:text-stone-400">
          Paid with x402 · USDC on {env.network.label} ·{" "}
          <a className="underline" href="/.well-known/x402">
            machine-readable price list
          </a>
        </footer>
      </body>
    </html>
  );
}
