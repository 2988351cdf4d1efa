import { shortAddress } from "@/lib/format/address";
import { CopyButton } from "./CopyButton";

/** A wallet address, short, with the full value on hover and a copy button. */
export function Address({ address }: { address: string }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <span className="font-mono" title={address}>
        {shortAddress(address)}
      </span>
      <CopyButton value={address} label={`Copy address ${address}`} />
    </span>
  );
}
