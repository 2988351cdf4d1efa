import Link from "next/link";

export default function DashboardNotFound() {
  return (
    <div className="card p-6">
      <h1 className="font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">It may have been removed, or the link is wrong.</p>
      <Link href="/dashboard" className="link-button mt-3 inline-block text-sm">
        Back to the overview
      </Link>
    </div>
  );
}
