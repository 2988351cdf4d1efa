"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button-secondary"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await fetch("/api/auth/session", { method: "DELETE" });
        router.push("/dashboard/sign-in");
        router.refresh();
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
