import { shortAddress } from "@/lib/format/address";
import { explorerTxUrl } from "@/lib/networks";

/**
 * A transaction hash linked to the network's explorer (`explorerUrl`, from the page's config);
 * plain text on the local chain, which has none. The full hash is in the title either way.
 */
export function TxHash({ hash, explorerUrl, full = false }: { hash: string | null; explorerUrl?: string; full?: boolean }) {
  if (!hash) return <span className="text-stone-500 dark:text-stone-400">—</span>;
  const text = full ? hash : shortAddress(hash);
  // The full hash may wrap anywhere; the short one never breaks.
  const className = `font-mono ${full ? "break-all" : "whitespace-nowrap"}`;
  const url = explorerTxUrl({ explorerUrl }, hash);
  return url ? (
    <a className={`${className} underline underline-offset-2`} href={url} title={hash} rel="noreferrer" target="_blank">
      {text}
    </a>
  ) : (
    <span className={className} title={hash}>
      {text}
    </span>
  );
}
