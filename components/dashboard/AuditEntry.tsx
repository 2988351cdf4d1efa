import Link from "next/link";
import { Address } from "@/components/ui/Address";
import { LocalTime } from "@/components/ui/LocalTime";
import type { AuditValue, DescribedAuditEntry } from "@/lib/dashboard/audit-log";

function Value({ value }: { value: AuditValue }) {
  return "date" in value ? <LocalTime date={value.date} /> : <span title={value.raw}>{value.text}</span>;
}

/** One audit log entry as a sentence, its changes as "Label: before → after", and the stored record on demand. */
export function AuditEntry({ entry }: { entry: DescribedAuditEntry }) {
  return (
    <li data-testid="audit-entry" className="card space-y-2 p-4 text-sm">
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="font-medium break-words">
          {entry.entity}{" "}
          {entry.href ? (
            <Link href={entry.href} className="link-button">
              {entry.name}
            </Link>
          ) : (
            entry.name
          )}{" "}
          {entry.verb}
        </span>{" "}
        <span className="text-stone-600 dark:text-stone-400">
          {entry.actor.kind === "wallet" ? (
            <>
              by <Address address={entry.actor.address} />
            </>
          ) : (
            entry.actor.phrase
          )}{" "}
          · <LocalTime date={entry.at} />
        </span>
      </p>
      {entry.changes.length > 0 && (
        <ul className="space-y-0.5">
          {entry.changes.map((change) => (
            <li key={change.field} className="break-words">
              <span className="text-stone-600 dark:text-stone-400">{change.label}:</span>{" "}
              {change.before && (
                <>
                  <del className="text-stone-600 decoration-stone-400 dark:text-stone-400">
                    <Value value={change.before} />
                  </del>
                  <span aria-hidden="true"> → </span>
                  <span className="sr-only"> to </span>
                </>
              )}
              <ins className="no-underline">
                <Value value={change.after} />
              </ins>
            </li>
          ))}
        </ul>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-stone-600 dark:text-stone-400">Exact record</summary>
        <pre className="mt-1 font-mono break-all whitespace-pre-wrap text-stone-700 dark:text-stone-300">
          {JSON.stringify(entry.raw, null, 2)}
        </pre>
      </details>
    </li>
  );
}
