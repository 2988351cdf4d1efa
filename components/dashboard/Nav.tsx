"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/payments", label: "Payments" },
  { href: "/dashboard/articles", label: "Articles" },
  { href: "/dashboard/resources", label: "Resources" },
  { href: "/dashboard/settlement", label: "Settlement" },
  { href: "/dashboard/audit", label: "Audit log" },
  { href: "/dashboard/settings", label: "Settings" },
];

/**
 * The dashboard's tabs. On a narrow screen they scroll sideways inside their bar: the side with
 * more tabs fades out (the hint that there are more), and the current tab is scrolled into view.
 */
export function DashboardNav() {
  const pathname = usePathname();
  const bar = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ before: false, after: false });

  useEffect(() => {
    const list = bar.current;
    if (!list) return;
    const active = list.querySelector<HTMLElement>('[aria-current="page"]');
    // scrollLeft, not scrollIntoView: that would scroll the page vertically too.
    if (active) list.scrollLeft = active.offsetLeft - (list.clientWidth - active.offsetWidth) / 2;
    const update = () =>
      setMore({ before: list.scrollLeft > 1, after: list.scrollLeft + list.clientWidth < list.scrollWidth - 1 });
    update();
    list.addEventListener("scroll", update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(list);
    return () => {
      list.removeEventListener("scroll", update);
      resize.disconnect();
    };
  }, [pathname]);

  return (
    <nav aria-label="Dashboard">
      <ul
        ref={bar}
        // The bar's line is an inset shadow, not a border: the tabs' own underline covers it without overflowing the scroller.
        className="scroll-fade flex gap-1 overflow-x-auto text-sm shadow-[inset_0_-1px_0_var(--color-stone-200)] [scrollbar-width:none] dark:shadow-[inset_0_-1px_0_var(--color-stone-800)]"
        data-more-before={more.before || undefined}
        data-more-after={more.after || undefined}
      >
        {LINKS.map(({ href, label }) => {
          const active = href === "/dashboard" ? pathname === href : pathname.startsWith(href);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 whitespace-nowrap focus-visible:-outline-offset-2 ${
                  active
                    ? "border-accent-600 font-medium text-accent-700 dark:border-accent-300 dark:text-accent-300"
                    : "border-transparent text-stone-600 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100"
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
