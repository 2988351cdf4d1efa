import type { ReactNode } from "react";
import type { GrantClaims } from "@/lib/access/token";
import type { Purchase } from "@/lib/db/queries/payments";
import { shortAddress } from "@/lib/format/address";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { LocalTime } from "./LocalTime";
import { Notice } from "./Notice";
import { TxHash } from "./TxHash";

/**
 * What a reader holds after paying, on the page that was paid for (an article, a pass): what was
 * paid, by which wallet, in which transaction, and until when it stays open.
 */
export function Receipt({
  title,
  grant,
  explorerUrl,
  children,
}: {
  title: string;
  grant: GrantClaims;
  /** The network's explorer, from the page's config: the transaction links there. */
  explorerUrl?: string;
  children?: ReactNode;
}) {
  return (
    <aside aria-label="Receipt">
      <Notice tone="success" className="space-y-1">
        <p className="font-medium">{title}</p>
        <p>
          {formatUsdcWithSymbol(grant.amount)} paid by <span className="font-mono">{shortAddress(grant.payer)}</span> in
          transaction <TxHash hash={grant.txHash} explorerUrl={explorerUrl} />. Access until{" "}
          <LocalTime date={new Date(grant.expiresAt * 1000)} />.
        </p>
        {children}
      </Notice>
    </aside>
  );
}

/** How long a purchase in the reader's list opens what it bought, worded as the receipt words it. */
export function PurchaseAccess({ purchase }: { purchase: Purchase }) {
  if (purchase.status !== "settled") return <>once it settles</>;
  if (purchase.accessSeconds === 0) return <>{purchase.resourceKind === "api" ? "that request" : "that view"}</>;
  if (!purchase.accessActive || !purchase.accessUntil) return <>expired</>;
  return (
    <>
      until <LocalTime date={purchase.accessUntil} />
    </>
  );
}
