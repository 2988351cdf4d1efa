import { env } from "@/lib/env";
import { shortAddress } from "@/lib/format/address";
import { explorerTxUrl } from "@/lib/networks";

/** A transaction hash linked to the network's explorer; plain text on the local chain. */
export function TxHash({ hash, full = false }: { hash: string | null; full?: boolean }) {
  if (!hash) return <span className="text-stone-400">—</span>;
  const text = full ? hash : shortAddress(hash);
  const url = explorerTxUrl(env.network, hash);
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
