import { getAddress, isAddress, zeroAddress } from "viem";
import { z } from "zod";
import { mintTestUsdc, usdcBalanceOf } from "@/lib/chain/local";
import { env } from "@/lib/env";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { sentAsJson } from "@/lib/server/json-request";

export const dynamic = "force-dynamic";

/** What one request mints: 10 USDC in atomic units. */
const MINT_AMOUNT = 10_000_000n;
/** Wallets holding this much already get nothing: the faucet tops up, it does not print money on demand. */
const BALANCE_CAP = 1_000_000_000n;

const faucetBody = z.object({
  address: z
    .string({ error: "is missing: send { address } as JSON" })
    .refine((value) => isAddress(value, { strict: false }), "must be a 0x-prefixed 20-byte address")
    .refine((value) => value.toLowerCase() !== zeroAddress, "must not be the zero address (no one holds its key)"),
});

const noStore = { "Cache-Control": "no-store" };

function refuse(status: number, error: string, message: string) {
  return Response.json({ error, message }, { status, headers: noStore });
}

/**
 * Local mode only: mints test USDC to `{ address }` so a reader can try paying from a fresh wallet.
 * Answers `{ txHash, amount }` (amount in atomic units). On any other network it does not exist.
 */
export async function POST(request: Request) {
  if (!env.network.local) return refuse(404, "not_found", "The dev faucet exists only in local mode.");
  // JSON only, so that a page of another site cannot make a developer's browser mint.
  if (!sentAsJson(request)) {
    return refuse(415, "unsupported_media_type", "Send { address } as application/json.");
  }

  const parsed = faucetBody.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.path[0] === "address" ? `address ${parsed.error.issues[0].message}` : "send { address } as JSON";
    return refuse(400, "invalid_request", `Can't mint: ${reason}.`);
  }
  const to = getAddress(parsed.data.address);

  try {
    if ((await usdcBalanceOf(env.rpcUrl, to)) >= BALANCE_CAP) {
      return refuse(403, "enough_usdc", `This wallet already holds ${formatUsdcWithSymbol(BALANCE_CAP)} or more.`);
    }
    const txHash = await mintTestUsdc(env.rpcUrl, to, MINT_AMOUNT);
    return Response.json({ txHash, amount: MINT_AMOUNT.toString() }, { headers: noStore });
  } catch (error) {
    console.error("[dev faucet] minting failed:", error instanceof Error ? error.message : error);
    return refuse(502, "chain_unavailable", `Minting on the local chain failed; is anvil running at ${env.rpcUrl}?`);
  }
}
