import type { ComponentProps } from "react";
import { BADGE_TONES, type Tone } from "./tone";

export function Badge({ tone = "neutral", className = "", ...props }: { tone?: Tone } & ComponentProps<"span">) {
  return <span className={`badge ${BADGE_TONES[tone]} ${className}`} {...props} />;
}
