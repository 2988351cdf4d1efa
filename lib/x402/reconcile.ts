/**
 * Reconciliation: what the chain says happened to a payment the ledger does not know to be settled
 * (the facilitator timed out or was unreachable, or its transaction was broadcast but unconfirmed).
 *
 * Everything comes from the chain: the transaction's receipt, the token's EIP-3009
 * `authorizationState` and its `AuthorizationUsed` / `AuthorizationCanceled` logs (Circle's USDC
 * and the local TestUSDC share them). A payment is settled only when a successful transaction used
 * this very authorization and moved exactly the ledger's amount from the payer to the ledger's
 * recipient; failed only when the chain shows it never will (or paid something else); otherwise it
 * stays pending, with the reason. RPC errors are thrown to the caller.
 */
import "server-only";
import {
  createPublicClient,
  http,
  isAddressEqual,
  parseAbi,
  parseAbiItem,
  parseEventLogs,
  TransactionReceiptNotFoundError,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import type { Payment } from "@/lib/db/schema";
import { formatDateTime, formatUnixTime } from "@/lib/format/time";
import { toViemChain, type NetworkConfig } from "@/lib/networks";

export type ReconcileOutcome =
  | { status: "settled"; txHash: string; settledAt: Date }
  | { status: "failed"; reason: string }
  /** `used`: the authorization is spent on chain, but the transfer that spent it can't be confirmed yet. */
  | { status: "pending"; reason: string; used?: true };

export interface ReconcileOptions {
  rpcUrl: string;
  network: NetworkConfig;
  /** The clock expiry is judged against, together with the chain's latest block. Default: now. */
  now?: Date;
  /** How many of the latest blocks to search for the authorization's logs. Default 50,000. */
  lookbackBlocks?: bigint;
  /**
   * How long each RPC call may take (default: viem's 10 s). Calls are not retried: a payment left
   * unanswered stays as it was for the next run, and a hung RPC costs one timeout, not five.
   */
  timeoutMs?: number;
}

/** Public RPCs refuse `eth_getLogs` over wider block ranges. */
export const LOG_SEARCH_CHUNK_BLOCKS = 10_000n;
const DEFAULT_LOOKBACK_BLOCKS = 50_000n;

const authorizationUsed = parseAbiItem("event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)");
const authorizationCanceled = parseAbiItem("event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce)");
const eip3009Abi = [
  ...parseAbi([
    "function authorizationState(address authorizer, bytes32 nonce) view returns (bool)",
    "event Transfer(address indexed from, address indexed to, uint256 value)",
  ]),
  authorizationUsed,
  authorizationCanceled,
] as const;

/** The ledger row's claims, typed for viem. */
interface Claim {
  asset: Address;
  payer: Address;
  payTo: Address;
  nonce: Hex;
  amount: bigint;
}

export async function reconcilePayment(payment: Payment, options: ReconcileOptions): Promise<ReconcileOutcome> {
  const { rpcUrl, network, now = new Date(), lookbackBlocks = DEFAULT_LOOKBACK_BLOCKS, timeoutMs } = options;
  if (payment.network !== network.caip2) {
    throw new Error(`payment ${payment.id} is on ${payment.network}, not on ${network.caip2}`);
  }
  const client = createPublicClient({ chain: toViemChain(network, rpcUrl), transport: http(rpcUrl, { timeout: timeoutMs, retryCount: 0 }) });
  // Another chain's state would "prove" expiries and missing transfers that are not true.
  const chainId = await client.getChainId();
  if (chainId !== network.chainId) {
    throw new Error(`the RPC at ${rpcUrl} serves chain ${chainId}, not ${network.label} (${network.chainId})`);
  }
  const claim: Claim = {
    asset: payment.asset as Address,
    payer: payment.payer as Address,
    payTo: payment.payTo as Address,
    nonce: payment.nonce.toLowerCase() as Hex,
    amount: payment.amount,
  };

  // The recorded hash is only a hint: it settles the row if that transaction used this authorization.
  let note = "";
  if (payment.txHash) {
    const hash = payment.txHash as Hex;
    const receipt = await receiptOf(client, hash);
    const outcome = receipt && (await judge(client, receipt, claim));
    if (outcome) return outcome;
    note = !receipt
      ? ` (transaction ${hash} has no receipt)`
      : receipt.status === "reverted"
        ? ` (transaction ${hash} reverted)`
        : ` (transaction ${hash} did not use this authorization)`;
  }

  // The state is read at the block whose time judges expiry: a newer block could have used it.
  const head = await client.getBlock({ blockTag: "latest" });
  const used = await client.readContract({
    address: claim.asset,
    abi: eip3009Abi,
    functionName: "authorizationState",
    args: [claim.payer, claim.nonce],
    blockNumber: head.number,
  });

  if (used) {
    const log = await findAuthorizationLog(client, claim, head.number, lookbackBlocks);
    if (!log) {
      return spentUnconfirmed(`authorization used on chain but its transaction was not found in the last ${lookbackBlocks} blocks${note}`);
    }
    if (log.eventName === "AuthorizationCanceled") return failed(`authorization canceled by the payer${note}`);
    const receipt = await receiptOf(client, log.transactionHash);
    if (!receipt) return spentUnconfirmed(`authorization used on chain by ${log.transactionHash}, whose receipt is not available yet${note}`);
    const outcome = await judge(client, receipt, claim);
    if (!outcome) throw new Error(`the receipt of ${log.transactionHash} does not show its AuthorizationUsed log`);
    return outcome;
  }

  // Unused. It can no longer settle once a block at or after validBefore exists (block times only
  // grow); the clock must agree, so a stale node or a skewed clock alone decides nothing.
  const expiry = formatUnixTime(payment.validBefore);
  const chainPast = head.timestamp >= payment.validBefore;
  const clockPast = BigInt(Math.floor(now.getTime() / 1000)) >= payment.validBefore;
  if (chainPast && clockPast) return failed(`authorization expired without settling; the payer was not charged${note}`);
  if (chainPast || clockPast) {
    return pending(
      `not on chain yet; the authorization expires at ${expiry}, and this clock (${formatDateTime(now)}) and the ` +
        `chain's latest block #${head.number} (${formatUnixTime(head.timestamp)}) disagree on whether that has passed${note}`,
    );
  }
  return pending(`not on chain yet; the authorization stays valid until ${expiry}${note}`);
}

/**
 * The block ranges to search, newest first: the last `lookbackBlocks` blocks up to `head` (never
 * below block 0), in chunks of at most LOG_SEARCH_CHUNK_BLOCKS.
 */
export function logSearchRanges(head: bigint, lookbackBlocks: bigint): { fromBlock: bigint; toBlock: bigint }[] {
  const floor = head + 1n > lookbackBlocks ? head + 1n - lookbackBlocks : 0n;
  const ranges: { fromBlock: bigint; toBlock: bigint }[] = [];
  for (let toBlock = head; toBlock >= floor; toBlock -= LOG_SEARCH_CHUNK_BLOCKS) {
    const fromBlock = toBlock + 1n - LOG_SEARCH_CHUNK_BLOCKS;
    ranges.push({ fromBlock: fromBlock > floor ? fromBlock : floor, toBlock });
  }
  return ranges;
}

/** The log that consumed the authorization (used or canceled), newest blocks first. */
async function findAuthorizationLog(client: PublicClient, claim: Claim, head: bigint, lookbackBlocks: bigint) {
  for (const range of logSearchRanges(head, lookbackBlocks)) {
    const filter = { address: claim.asset, args: { authorizer: claim.payer, nonce: claim.nonce }, ...range };
    const [used, canceled] = await Promise.all([
      client.getLogs({ ...filter, event: authorizationUsed }),
      client.getLogs({ ...filter, event: authorizationCanceled }),
    ]);
    // A nonce is consumed once, so there is at most one of either.
    const log = used[0] ?? canceled[0];
    if (log) return log;
  }
  return undefined;
}

/** The receipt, or undefined while the transaction is unknown or not mined. */
async function receiptOf(client: PublicClient, hash: Hex): Promise<TransactionReceipt | undefined> {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

/**
 * What a transaction did with the authorization: undefined when it did not use it; otherwise the
 * transfer that follows its AuthorizationUsed log, held against the ledger. The transfer must be
 * that one, not any matching transfer in the transaction: a batch may pay the same payee twice.
 */
async function judge(client: PublicClient, receipt: TransactionReceipt, claim: Claim): Promise<ReconcileOutcome | undefined> {
  if (receipt.status !== "success") return undefined;
  const logs = parseEventLogs({
    abi: eip3009Abi,
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, claim.asset)),
  });
  const use = logs.findIndex(
    (log) =>
      log.eventName === "AuthorizationUsed" &&
      isAddressEqual(log.args.authorizer, claim.payer) &&
      log.args.nonce.toLowerCase() === claim.nonce,
  );
  if (use < 0) return undefined;

  const hash = receipt.transactionHash;
  const transfer = logs.slice(use + 1).find((log) => log.eventName === "Transfer");
  if (!transfer) return failed(`authorization used in transaction ${hash}, but no transfer of ${claim.asset} followed`);
  const { from, to, value } = transfer.args;
  if (!isAddressEqual(from, claim.payer) || !isAddressEqual(to, claim.payTo) || value !== claim.amount) {
    return failed(
      `authorization used in transaction ${hash} to move ${value} from ${from} to ${to}, ` +
        `but the ledger expects ${claim.amount} from ${claim.payer} to ${claim.payTo} (atomic units)`,
    );
  }
  const block = await client.getBlock({ blockNumber: receipt.blockNumber });
  return { status: "settled", txHash: hash, settledAt: new Date(Number(block.timestamp) * 1000) };
}

const failed = (reason: string): ReconcileOutcome => ({ status: "failed", reason });
const pending = (reason: string): ReconcileOutcome => ({ status: "pending", reason });
const spentUnconfirmed = (reason: string): ReconcileOutcome => ({ status: "pending", reason, used: true });
