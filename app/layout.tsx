import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { env } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: env.siteName, template: `%s · ${env.siteName}` },
  description: "Articles and APIs paid per use over HTTP 402 (x402), in USDC, without accounts.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <header className="border-b border-stone-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight">
              {env.siteName}
            </Link>
            <div className="flex items-center gap-4 text-sm">
              <span className="badge bg-stone-100 text-stone-700">{env.network.label}</span>
              <Link href="/dashboard" className="text-stone-600 hover:text-stone-900">
                Dashboard
              </Link>
            </div>
          </nav>
        </header>
        <main className="mx-auto max-w-5xl px-4 py-10">{children}</main>
        <footer className="mx-auto max-w-5xl px-4 pb-10 text-xs text-stone-500">
          Paid with x402 · USDC on {env.network.label} ·{" "}
          <a className="underline" href="/.well-known/x402">
            machine-readable price list
          </a>
        </footer>
      </body>
    </html>
  );
}
