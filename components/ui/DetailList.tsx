import type { ReactNode } from "react";

/** Label–value pairs in a card (a payment, the settings): two columns, stacked on a phone. Holds `Detail`s. */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="card divide-y divide-stone-100 text-sm dark:divide-stone-800">{children}</dl>;
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-4 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-stone-600 dark:text-stone-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
