"use client";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-900">
      <h2 className="font-semibold">This page could not be loaded.</h2>
      <p className="mt-1 text-sm">
        The database or the chain may be unavailable. {error.digest && <span>Reference: {error.digest}.</span>}
      </p>
      <button type="button" className="button-secondary mt-4" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
