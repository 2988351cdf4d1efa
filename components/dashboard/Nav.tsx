"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/payments", label: "Payments" },
  { href: "/dashboard/articles", label: "Articles" },
  { href: "/dashboard/resources", label: "Resources" },
  { href: "/dashboard/settlement", label: "Settlement" },
  { href: "/dashboard/audit", label: "Audit log" },
  { href: "/dashboard/settings", label: "Settings" },
];

export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="relative -mx-4 overflow-x-auto px-4">
      <ul className="flex gap-1 border-b border-stone-200 text-sm">
        {LINKS.map(({ href, label }) => {
          const active = href === "/dashboard" ? pathname === href : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px inline-block whitespace-nowrap border-b-2 px-3 py-2 focus-visible:outline-2 focus-visible:outline-accent-600 ${
                  active ? "border-accent-600 font-medium text-accent-700" : "border-transparent text-stone-600 hover:text-stone-900"
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
