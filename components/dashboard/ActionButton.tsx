"use client";

import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { TEXT_TONES } from "@/components/ui/tone";

/**
 * A button that runs a server action and says what happened (for one-click actions such as
 * deactivate or reconcile). With `confirm`, it asks that question first. The action re-checks
 * the admin session itself.
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
  confirm?: { question: string; detail?: string };
  variant?: "primary" | "secondary";
}) {
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  const run = () => startTransition(async () => setResult(await action()));
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className={variant === "primary" ? "button-primary" : "button-secondary"}
        disabled={pending}
        aria-busy={pending}
        onClick={() => (confirm ? setAsking(true) : run())}
      >
        {pending ? pendingLabel : label}
      </button>
      <p role="status" aria-live="polite" className={`text-sm ${result?.ok === false ? TEXT_TONES.danger : "text-stone-700 dark:text-stone-300"}`}>
        {result?.message}
      </p>
      {confirm && (
        <ConfirmDialog
          open={asking}
          title={confirm.question}
          confirmLabel={label}
          onConfirm={() => {
            setAsking(false);
            run();
          }}
          onCancel={() => setAsking(false)}
        >
          {confirm.detail}
        </ConfirmDialog>
      )}
    </div>
  );
}
