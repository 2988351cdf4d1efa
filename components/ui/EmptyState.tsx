import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-stone-300 bg-white/50 p-8 text-center dark:border-stone-700 dark:bg-stone-900/50">
      <p className="font-medium text-stone-800 dark:text-stone-200">{title}</p>
      {children && <div className="mt-1 text-sm text-stone-600 dark:text-stone-400">{children}</div>}
    </div>
  );
}
