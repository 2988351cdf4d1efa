/** A grey placeholder block while a streamed section loads. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-lg bg-stone-200/70 dark:bg-stone-800 ${className}`} />;
}
