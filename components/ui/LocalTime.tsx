"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format/time";

const noSubscription = () => () => {};

/**
 * A moment in the reader's own time zone and locale ("Dec 7, 2026, 9:41 AM"). The server does not
 * know that zone, so the first paint (and a page without JavaScript) shows UTC, labelled as such;
 * the exact UTC time stays in the title and in `dateTime` for machines.
 */
export function LocalTime({ date }: { date: Date }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const utc = formatDateTime(date);
  return (
    <time dateTime={date.toISOString()} title={utc} className="whitespace-nowrap">
      {inBrowser ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : utc}
    </time>
  );
}
