/**
 * The colours that carry meaning, in light and dark, in one place: badges (small pills) and
 * notices (boxes) pick a tone rather than raw colours.
 */
export type Tone = "neutral" | "accent" | "info" | "success" | "warning" | "danger";

export const BADGE_TONES: Record<Tone, string> = {
  neutral: "bg-stone-100 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
  accent: "bg-accent-50 text-accent-700 dark:bg-accent-950 dark:text-accent-300",
  info: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  success: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  warning: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  danger: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

export const NOTICE_TONES: Record<Tone, string> = {
  neutral: "border-stone-200 bg-stone-50 text-stone-800 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-200",
  accent: "border-accent-600/30 bg-accent-50 text-stone-800 dark:border-accent-300/30 dark:bg-accent-950 dark:text-stone-100",
  info: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/60 dark:text-sky-100",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100",
  warning: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100",
  danger: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100",
};

/** Text that says something went wrong (or right), readable on the page's own background. */
export const TEXT_TONES = {
  success: "text-emerald-700 dark:text-emerald-400",
  warning: "text-amber-700 dark:text-amber-400",
  danger: "text-red-700 dark:text-red-400",
} as const;
