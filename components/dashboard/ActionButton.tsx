"use client";

import { useState, useTransition } from "react";

/**
 * A button that runs a server action and says what happened (for one-click actions such as
 * deactivate or reconcile). The action re-checks the admin session itself.
 */
export function ActionButton({
  action,
  label,
  pendingLabel,
  confirm,
  variant = "secondary",
}: {
  action: () => Promise<{ ok: boolean; message: string }>;
  label: string;
  pendingLabel: string;
  confirm?: string;
  variant?: "primary" | "secondary";
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className={variant === "primary" ? "button-primary" : "button-secondary"}
        disabled={pending}
        aria-busy={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          startTransition(async () => setResult(await action()));
        }}
      >
        {pending ? pendingLabel : label}
      </button>
      <p role="status" aria-live="polite" className={`text-sm ${result?.ok === false ? "text-red-700" : "text-stone-700"}`}>
        {result?.message}
      </p>
    </div>
  );
}
