"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Ends the session at `endpoint` and goes to `next`. */
export function SignOutButton({ endpoint = "/api/auth/session", next = "/dashboard/sign-in" }: { endpoint?: string; next?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button-secondary"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await fetch(endpoint, { method: "DELETE" });
        router.push(next);
        router.refresh();
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
