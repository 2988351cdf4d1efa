import Link from "next/link";

/** "← Payments": back to the list a detail page belongs to. */
export function BackLink({ href, children }: { href: string; children: string }) {
  return (
    <p className="text-sm">
      <Link href={href} className="link-button">
        ← {children}
      </Link>
    </p>
  );
}
