/**
 * Reconciling ledger rows against the run's anvil: real EIP-3009 authorizations signed by payers
 * #7 and #8, submitted by account #0 (the local facilitator's key, on viem's shared nonce manager
 * like the app's facilitator), and rows written straight into `payments`.
 */
import { and, eq } from "drizzle-orm";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  nonceManager,
  toHex,
  type Address,
  type Hex,
  type PrivateKeyAccount,
  type TransactionReceipt,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { FACILITATOR_ACCOUNT } from "@/lib/local-defaults";
import { testUsdcAbi } from "@/lib/chain/contracts";
import { cancelAuthorizationTypes } from "@/lib/chain/authorizations";
import { transferWithAuthorizationTypes } from "@/lib/x402/eip3009";
import { anvilKey } from "@/lib/local-defaults";
import { localChain } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { findPayment, IN_FLIGHT_MS, resolvePayment } from "@/lib/db/queries/payments";
import { paymentDailyTotals, payments, resources, type Payment, type Resource } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatUnixTime } from "@/lib/format/time";
import { LOCAL_USDC_ADDRESS, NETWORKS } from "@/lib/networks";
import { LOG_SEARCH_CHUNK_BLOCKS, logSearchRanges, reconcilePayment } from "@/lib/x402/reconcile";
import { describeReconcileRun, reconcileAndRecord, runReconcileJob } from "@/lib/x402/reconcile-job";
import { resetDatabase } from "./support/db";

const rpcUrl = inject("rpcUrl");
const network = NETWORKS.local;
const usdc = LOCAL_USDC_ADDRESS;
const transport = http(rpcUrl);
const publicClient = createPublicClient({ chain: localChain, transport, pollingInterval: 50 });
const testClient = createTestClient({ mode: "anvil", chain: localChain, transport });
const relayer = createWalletClient({
  account: privateKeyToAccount(anvilKey(FACILITATOR_ACCOUNT), { nonceManager }),
  chain: localChain,
  transport,
});
const payer7 = privateKeyToAccount(anvilKey(7));
const payer8 = privateKeyToAccount(anvilKey(8));
const payTo = env.payTo;

const domain = { name: "USDC", version: "2", chainId: localChain.id, verifyingContract: usdc } as const;
const types = { ...transferWithAuthorizationTypes, ...cancelAuthorizationTypes };

const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));
const randomBytes32 = () => toHex(crypto.getRandomValues(new Uint8Array(32)));

interface Authorization {
  account: PrivateKeyAccount;
  message: { from: Address; to: Address; value: bigint; validAfter: bigint; validBefore: bigint; nonce: Hex };
  signature: Hex;
}

/** A TransferWithAuthorization signed by `account`: 1,000 atomic units to PAY_TO, valid for an hour. */
async function authorize(
  account: PrivateKeyAccount,
  overrides: Partial<{ to: Address; value: bigint; validBefore: bigint }> = {},
): Promise<Authorization> {
  const message = {
    from: account.address,
    to: payTo,
    value: 1_000n,
    validAfter: 0n,
    validBefore: nowSeconds() + 3600n,
    nonce: randomBytes32(),
    ...overrides,
  };
  const signature = await account.signTypedData({ domain, types, primaryType: "TransferWithAuthorization", message });
  return { account, message, signature };
}

/** Account #0 submits the authorization, as the facilitator would; `value` tampers with it. */
async function submit({ message, signature }: Authorization, tamper?: { value: bigint }): Promise<TransactionReceipt> {
  const { from, to, value, validAfter, validBefore, nonce } = message;
  const hash = await relayer.writeContract({
    address: usdc,
    abi: testUsdcAbi,
    functionName: "transferWithAuthorization",
    args: [from, to, tamper?.value ?? value, validAfter, validBefore, nonce, signature],
    // A fixed gas limit skips estimation, which would refuse to send a transaction that reverts.
    ...(tamper ? { gas: 300_000n } : {}),
  });
  return publicClient.waitForTransactionReceipt({ hash });
}

async function cancel({ account, message }: Authorization): Promise<TransactionReceipt> {
  const signature = await account.signTypedData({
    domain,
    types,
    primaryType: "CancelAuthorization",
    message: { authorizer: account.address, nonce: message.nonce },
  });
  const hash = await relayer.writeContract({
    address: usdc,
    abi: testUsdcAbi,
    functionName: "cancelAuthorization",
    args: [account.address, message.nonce, signature],
  });
  return publicClient.waitForTransactionReceipt({ hash });
}

const authorizationState = (account: PrivateKeyAccount, nonce: Hex) =>
  publicClient.readContract({ address: usdc, abi: testUsdcAbi, functionName: "authorizationState", args: [account.address, nonce] });

async function blockTime(receipt: TransactionReceipt): Promise<Date> {
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  return new Date(Number(block.timestamp) * 1000);
}

let db: Db;
let resource: Resource;

/** A pending ledger row for the authorization, as the ledger hooks write it; `claims` lets it disagree with the chain. */
async function pendingRow(
  { message }: Authorization,
  claims: Partial<{ txHash: string; amount: bigint; payTo: Address; errorReason: string }> = {},
): Promise<Payment> {
  const [row] = await db
    .insert(payments)
    .values({
      resourceId: resource.id,
      status: "pending",
      payer: message.from,
      amount: message.value,
      asset: usdc,
      network: network.caip2,
      payTo,
      nonce: message.nonce.toLowerCase(),
      validBefore: message.validBefore,
      ...claims,
    })
    .returning();
  return row!;
}

const reconcile = (row: Payment, options: { now?: Date; lookbackBlocks?: bigint } = {}) =>
  reconcilePayment(row, { rpcUrl, network, ...options });

beforeAll(async () => {
  db = await resetDatabase();
  const [first] = await db.select().from(resources).orderBy(resources.id).limit(1);
  resource = first!;
});

describe("reconcilePayment: settled on chain", () => {
  it("(a) a row with the right tx hash settles with that hash and the block's time; resolvePayment counts it once", async () => {
    const authorization = await authorize(payer7);
    const receipt = await submit(authorization);
    expect(receipt.status).toBe("success");
    const row = await pendingRow(authorization, { txHash: receipt.transactionHash, errorReason: "facilitator timed out" });

    const outcome = await reconcile(row);

    const settledAt = await blockTime(receipt);
    expect(outcome).toEqual({ status: "settled", txHash: receipt.transactionHash, settledAt });

    const day = settledAt.toISOString().slice(0, 10);
    const totals = () =>
      db
        .select({ settledCount: paymentDailyTotals.settledCount, revenue: paymentDailyTotals.revenue })
        .from(paymentDailyTotals)
        .where(and(eq(paymentDailyTotals.day, day), eq(paymentDailyTotals.resourceId, resource.id)));
    expect(await totals()).toEqual([]);

    await resolvePayment(row.id, outcome);
    expect(await findPayment(row.id)).toMatchObject({
      status: "settled",
      txHash: receipt.transactionHash,
      settledAt,
      errorReason: null,
    });
    expect(await totals()).toEqual([{ settledCount: 1, revenue: 1_000n }]);

    // Reconciling a settled row again finds the same truth, and applying it changes nothing.
    const again = await reconcile((await findPayment(row.id))!);
    expect(again).toEqual(outcome);
    await resolvePayment(row.id, again);
    expect(await totals()).toEqual([{ settledCount: 1, revenue: 1_000n }]);
  });

  it("(b) a row without a tx hash whose authorization settled is found through its AuthorizationUsed log", async () => {
    const authorization = await authorize(payer8, { value: 2_500n });
    const receipt = await submit(authorization);
    expect(receipt.status).toBe("success");
    const row = await pendingRow(authorization);

    expect(await reconcile(row)).toEqual({
      status: "settled",
      txHash: receipt.transactionHash,
      settledAt: await blockTime(receipt),
    });

    // A window that ends after its block says so instead of guessing.
    await testClient.mine({ blocks: 3 });
    expect(await reconcile(row, { lookbackBlocks: 2n })).toEqual({
      status: "pending",
      reason: "authorization used on chain but its transaction was not found in the last 2 blocks",
      // Spent: a retry of the same authorization would be refused as used, so it is not sent again.
      used: true,
    });
    expect(await reconcile(row, { lookbackBlocks: 4n })).toMatchObject({ status: "settled", txHash: receipt.transactionHash });
  });
});

describe("reconcilePayment: not on chain", () => {
  it("(c) an unused authorization that is still valid stays pending, with or without an unknown tx hash", async () => {
    const authorization = await authorize(payer7);
    const row = await pendingRow(authorization);
    const validUntil = `not on chain yet; the authorization stays valid until ${formatUnixTime(authorization.message.validBefore)}`;

    expect(await reconcile(row)).toEqual({ status: "pending", reason: validUntil });

    const unknownHash = randomBytes32();
    expect(await reconcile({ ...row, txHash: unknownHash })).toEqual({
      status: "pending",
      reason: `${validUntil} (transaction ${unknownHash} has no receipt)`,
    });
  });

  it("(c) a clock past validBefore does not fail it while the chain's latest block is earlier, nor the reverse", async () => {
    const authorization = await authorize(payer8);
    const row = await pendingRow(authorization);
    const later = new Date(Number(authorization.message.validBefore + 60n) * 1000);

    const outcome = await reconcile(row, { now: later });
    expect(outcome.status).toBe("pending");
    expect(outcome).toMatchObject({ reason: expect.stringMatching(/^not on chain yet; .* disagree on whether that has passed$/) });

    const expired = await pendingRow(await authorize(payer8, { validBefore: nowSeconds() - 3600n }));
    const earlier = new Date(Number(expired.validBefore - 60n) * 1000);
    expect(await reconcile(expired, { now: earlier })).toMatchObject({ status: "pending", reason: expect.stringContaining("disagree") });
  });

  it("(d) an unused authorization past validBefore fails: the payer was not charged", async () => {
    // An hour ago: before this anvil started, so its latest block is past it as well.
    const authorization = await authorize(payer7, { validBefore: nowSeconds() - 3600n });
    const row = await pendingRow(authorization);
    expect(await authorizationState(payer7, authorization.message.nonce)).toBe(false);

    expect(await reconcile(row)).toEqual({
      status: "failed",
      reason: "authorization expired without settling; the payer was not charged",
    });
  });

  it("(e) an authorization canceled with cancelAuthorization fails as canceled", async () => {
    const authorization = await authorize(payer8);
    expect((await cancel(authorization)).status).toBe("success");
    const row = await pendingRow(authorization);

    expect(await reconcile(row)).toEqual({ status: "failed", reason: "authorization canceled by the payer" });
  });
});

describe("reconcilePayment: the chain disagrees with the ledger", () => {
  it("(f) a transfer of another amount is not settled, by tx hash", async () => {
    const authorization = await authorize(payer7, { value: 1_000n });
    const receipt = await submit(authorization);
    const row = await pendingRow(authorization, { txHash: receipt.transactionHash, amount: 1_500n });

    expect(await reconcile(row)).toEqual({
      status: "failed",
      reason:
        `authorization used in transaction ${receipt.transactionHash} to move 1000 from ${payer7.address} to ${payTo}, ` +
        `but the ledger expects 1500 from ${payer7.address} to ${payTo} (atomic units)`,
    });
  });

  it("(f) a transfer to another recipient is not settled, found by its log", async () => {
    const stranger = getAddress(privateKeyToAccount(generatePrivateKey()).address);
    const authorization = await authorize(payer8, { to: stranger });
    await submit(authorization);
    const row = await pendingRow(authorization);

    const outcome = await reconcile(row);
    expect(outcome.status).toBe("failed");
    expect(outcome).toMatchObject({ reason: expect.stringContaining(`to ${stranger}, but the ledger expects 1000 from ${payer8.address} to ${payTo}`) });
  });

  it("(f) a tx hash of another payment with the same payer, payee and amount does not settle this one", async () => {
    const other = await submit(await authorize(payer7));
    const authorization = await authorize(payer7);
    const row = await pendingRow(authorization, { txHash: other.transactionHash });

    expect(await reconcile(row)).toMatchObject({
      status: "pending",
      reason: expect.stringContaining(`(transaction ${other.transactionHash} did not use this authorization)`),
    });
  });

  it("(g) a reverted tx with the authorization still unused and valid stays pending, and settles once it is used", async () => {
    const authorization = await authorize(payer8);
    const reverted = await submit(authorization, { value: authorization.message.value + 1n });
    expect(reverted.status).toBe("reverted");
    const row = await pendingRow(authorization, { txHash: reverted.transactionHash });

    expect(await reconcile(row)).toEqual({
      status: "pending",
      reason:
        `not on chain yet; the authorization stays valid until ${formatUnixTime(authorization.message.validBefore)} ` +
        `(transaction ${reverted.transactionHash} reverted)`,
    });

    // The facilitator tries again: the row's stale hash does not stop the real one being found.
    const retried = await submit(authorization);
    expect(await reconcile(row)).toEqual({
      status: "settled",
      txHash: retried.transactionHash,
      settledAt: await blockTime(retried),
    });
  });
});

describe("reconcilePayment: refusals", () => {
  it("refuses a row from another network instead of reading the wrong chain", async () => {
    const row = await pendingRow(await authorize(payer7));
    await expect(reconcile({ ...row, network: NETWORKS.base.caip2 })).rejects.toThrow(/not on eip155:31337/);
    await expect(reconcilePayment(row, { rpcUrl, network: { ...network, chainId: 1 } })).rejects.toThrow(/serves chain 31337/);
  });

  it("lets RPC errors through", async () => {
    const row = await pendingRow(await authorize(payer7));
    await expect(reconcilePayment(row, { rpcUrl: "http://127.0.0.1:1", network })).rejects.toThrow();
  });
});

describe("recording what the chain says never moves money state backwards", () => {
  const ADMIN = "0x000000000000000000000000000000000000a11c";
  /** Nothing answers here: a test that passes with it never asked the chain. */
  const deadRpc = { rpcUrl: "http://127.0.0.1:1", network };
  const stale = (row: Payment) =>
    db.update(payments).set({ attemptedAt: new Date(Date.now() - IN_FLIGHT_MS - 60_000) }).where(eq(payments.id, row.id));

  it("a failed payment stays failed, with its reason, until the chain shows it settled", async () => {
    const authorization = await authorize(payer7);
    const row = await pendingRow(authorization, { errorReason: "the facilitator refused the transaction" });
    await db.update(payments).set({ status: "failed" }).where(eq(payments.id, row.id));
    const failed = (await findPayment(row.id))!;

    // Unused and still valid: the chain says "pending", which must not reopen it.
    expect(await resolvePayment(row.id, { status: "pending", reason: "not on chain yet" }, ADMIN)).toBe(false);
    expect(await resolvePayment(row.id, { status: "failed", reason: "something else" }, ADMIN)).toBe(false);
    expect(await reconcileAndRecord(failed, ADMIN, { rpcUrl, network })).toEqual({
      status: "failed",
      reason: "the facilitator refused the transaction",
    });
    expect(await findPayment(row.id)).toEqual(failed);

    const receipt = await submit(authorization);
    expect(await reconcileAndRecord(failed, ADMIN, { rpcUrl, network })).toMatchObject({ status: "settled", txHash: receipt.transactionHash });
    expect(await findPayment(row.id)).toMatchObject({ status: "settled", txHash: receipt.transactionHash, errorReason: null });
  });

  it("a payment being settled right now is left alone, without asking the chain", async () => {
    const row = await pendingRow(await authorize(payer8));

    expect(await reconcileAndRecord(row, ADMIN, deadRpc)).toEqual({
      status: "in-flight",
      reason: "a request is settling it right now; try again in a minute",
    });
    // Even when asked directly (a request took it up after it was read): it could be claimed again.
    expect(await resolvePayment(row.id, { status: "failed", reason: "expired" }, ADMIN)).toBe(false);
    expect(await resolvePayment(row.id, { status: "pending", reason: "not on chain yet" }, ADMIN)).toBe(false);
    expect(await findPayment(row.id)).toMatchObject({ status: "pending", errorReason: null });

    await stale(row);
    expect(await resolvePayment(row.id, { status: "pending", reason: "not on chain yet" }, ADMIN)).toBe(true);
    expect(await findPayment(row.id)).toMatchObject({ status: "pending", errorReason: "not on chain yet" });
  });

  it("a settled payment never changes", async () => {
    const authorization = await authorize(payer7);
    const receipt = await submit(authorization);
    const row = await pendingRow(authorization, { txHash: receipt.transactionHash, errorReason: "timed out" });
    expect(await reconcileAndRecord(row, ADMIN, { rpcUrl, network })).toMatchObject({ status: "settled" });
    const settled = (await findPayment(row.id))!;

    for (const outcome of [
      { status: "failed", reason: "expired" },
      { status: "pending", reason: "not on chain yet" },
      { status: "settled", txHash: randomBytes32(), settledAt: new Date() },
    ] as const) {
      expect(await resolvePayment(row.id, outcome, ADMIN)).toBe(false);
    }
    expect(await findPayment(row.id)).toEqual(settled);
  });
});

describe("the reconcile job after a crash", () => {
  it("says how many pending payments are still inside the in-flight window", async () => {
    await db.delete(payments);
    await pendingRow(await authorize(payer7));
    await pendingRow(await authorize(payer8));

    const run = await runReconcileJob({ rpcUrl, network, timeoutMs: 5_000 });
    expect(run).toEqual({ payments: [], inFlight: 2 });
    expect(describeReconcileRun(run)).toBe(
      "nothing to reconcile yet: 2 pending payments are still inside the 120 s in-flight window (they are checked once they are older)",
    );
  });

  it("describes what it did", () => {
    expect(describeReconcileRun({ payments: [], inFlight: 0 })).toBe("nothing to reconcile: no pending payment is waiting for an answer");
    expect(
      describeReconcileRun({
        payments: [
          { id: 1, outcome: { status: "settled", txHash: "0x01", settledAt: new Date() } },
          { id: 2, outcome: { status: "error", reason: "timed out" } },
        ],
        inFlight: 1,
      }),
    ).toBe(
      "reconciled 2 payment(s): 1 settled, 0 failed, 0 still pending, 1 not checked (the chain could not be read); " +
        "1 pending payment is still inside the 120 s in-flight window (it is checked once it is older)",
    );
  });
});

describe("logSearchRanges", () => {
  it("walks back from the head in chunks of at most 10,000 blocks, down to the window or block 0", () => {
    expect(LOG_SEARCH_CHUNK_BLOCKS).toBe(10_000n);
    expect(logSearchRanges(25_000n, 50_000n)).toEqual([
      { fromBlock: 15_001n, toBlock: 25_000n },
      { fromBlock: 5_001n, toBlock: 15_000n },
      { fromBlock: 0n, toBlock: 5_000n },
    ]);
    expect(logSearchRanges(100_000n, 25_000n)).toEqual([
      { fromBlock: 90_001n, toBlock: 100_000n },
      { fromBlock: 80_001n, toBlock: 90_000n },
      { fromBlock: 75_001n, toBlock: 80_000n },
    ]);
    expect(logSearchRanges(5n, 3n)).toEqual([{ fromBlock: 3n, toBlock: 5n }]);
    expect(logSearchRanges(0n, 50_000n)).toEqual([{ fromBlock: 0n, toBlock: 0n }]);
  });
});
