"use client";

import { Notice } from "@/components/ui/Notice";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Notice tone="danger" role="alert" className="p-6">
      <h1 className="text-base font-semibold">This page could not be loaded.</h1>
      <p className="mt-1">
        The database or the chain may be unavailable. {error.digest && <span>Reference: {error.digest}.</span>}
      </p>
      <button type="button" className="button-secondary mt-4" onClick={reset}>
        Try again
      </button>
    </Notice>
  );
}
