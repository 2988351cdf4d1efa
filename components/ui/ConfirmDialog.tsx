"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * Asks before something hard to undo. A native modal <dialog>: the page behind is inert, Escape
 * cancels, Cancel has the focus first (the safe choice), and the focus goes back to whatever
 * opened it when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.returnValue = "";
      element.showModal();
      cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      // Every way out ends here: a button (the form's method="dialog" sets returnValue) or Escape.
      onClose={() => {
        opener.current?.focus();
        if (dialog.current?.returnValue === "confirm") onConfirm();
        else onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-stone-200 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-stone-950/50 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
    >
      <form method="dialog" className="space-y-4">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {children && <div className="text-sm text-stone-700 dark:text-stone-300">{children}</div>}
        <div className="flex flex-wrap justify-end gap-3">
          <button ref={cancel} type="submit" value="cancel" className="button-secondary">
            Cancel
          </button>
          <button type="submit" value="confirm" className="button-primary">
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
