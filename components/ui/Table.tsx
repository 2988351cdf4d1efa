import type { ReactNode } from "react";

/**
 * Where a cell goes when rows stack on a phone (below Tailwind's `sm`, 640 px), so that what
 * matters is read first without scrolling sideways:
 * - `title`: the row's first line (what it is: a resource, an article);
 * - `key`: the second line, side by side (amount, status);
 * - `end`: the end of that line (an Edit or Details link);
 * - `detail` (default): a line of its own, after its header as a label.
 */
export type PhonePlace = "title" | "key" | "end" | "detail";

export interface Column<Row> {
  header: string;
  /** The header is for screen readers only (an Edit or Details column). */
  hideHeader?: boolean;
  cell: (row: Row) => ReactNode;
  /** Right-aligned tabular figures (amounts). */
  numeric?: boolean;
  phone?: PhonePlace;
  className?: string;
}

const PHONE: Record<PhonePlace, string> = {
  title: "max-sm:order-first max-sm:w-full max-sm:font-medium",
  key: "max-sm:order-1",
  end: "max-sm:order-2 max-sm:ml-auto",
  // The header, from data-label, before the value.
  detail:
    "max-sm:order-3 max-sm:w-full max-sm:before:mr-2 max-sm:before:text-xs max-sm:before:font-medium max-sm:before:uppercase max-sm:before:text-stone-600 max-sm:before:content-[attr(data-label)] dark:max-sm:before:text-stone-400",
};

/**
 * A data table in a card: columns on a wide screen (scrolling inside the card if they must, never
 * the page), one stacked block per row on a phone. Every list of records uses it.
 */
export function Table<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowTestId,
  rowClassName,
}: {
  /** The table's caption, for screen readers. */
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  rowTestId?: string;
  rowClassName?: (row: Row) => string;
}) {
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-left text-sm max-sm:block">
        <caption className="sr-only">{label}</caption>
        <thead className="bg-stone-50 text-xs text-stone-600 uppercase max-sm:sr-only dark:bg-stone-800/60 dark:text-stone-400">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`px-3 py-2 font-medium ${column.numeric ? "text-right" : ""}`}>
                {column.hideHeader ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 max-sm:block dark:divide-stone-800">
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              data-testid={rowTestId}
              className={`max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-4 max-sm:py-3 ${rowClassName?.(row) ?? ""}`}
            >
              {columns.map((column) => (
                <td
                  key={column.header}
                  data-label={column.hideHeader ? undefined : column.header}
                  className={`px-3 py-2 max-sm:p-0 ${column.numeric ? "text-right whitespace-nowrap tabular-nums" : ""} ${PHONE[column.phone ?? "detail"]} ${column.className ?? ""}`}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
