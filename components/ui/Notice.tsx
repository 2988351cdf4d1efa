import type { ComponentProps } from "react";
import { NOTICE_TONES, type Tone } from "./tone";

/**
 * A box that stands out from the page: a receipt, a warning, an error. Give it `role="alert"`
 * when it appears after an action; what the page says from the start needs none.
 */
export function Notice({ tone, className = "", ...props }: { tone: Tone } & ComponentProps<"div">) {
  return <div className={`rounded-xl border p-4 text-sm ${NOTICE_TONES[tone]} ${className}`} {...props} />;
}
