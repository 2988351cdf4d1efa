import Link from "next/link";

export default function DashboardNotFound() {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-6">
      <h2 className="font-semibold">Not found</h2>
      <p className="mt-1 text-sm text-stone-600">It may have been removed, or the link is wrong.</p>
      <Link href="/dashboard" className="link-button mt-3 inline-block text-sm">
        Back to the overview
      </Link>
    </div>
  );
}
