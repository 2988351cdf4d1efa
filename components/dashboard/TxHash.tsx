import { shortAddress } from "@/lib/format/address";
import { explorerTxUrl } from "@/lib/networks";

/**
 * A transaction hash linked to the network's explorer (`explorerUrl`, from the page's config);
 * plain text on the local chain, which has none.
 */
export function TxHash({ hash, explorerUrl, full = false }: { hash: string | null; explorerUrl?: string; full?: boolean }) {
  if (!hash) return <span className="text-stone-400">—</span>;
  const text = full ? hash : shortAddress(hash);
  const url = explorerTxUrl({ explorerUrl }, hash);
  return url ? (
    <a className="font-mono break-all underline underline-offset-2" href={url} title={hash} rel="noreferrer" target="_blank">
      {text}
    </a>
  ) : (
    <span className="font-mono break-all" title={hash}>
      {text}
    </span>
  );
}
