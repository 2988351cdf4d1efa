/**
 * Faults on the way to the chain, with the in-process facilitator: the RPC unreachable, a
 * transaction refused after the payment was verified, the payer's funds gone between verify and
 * settle, and the ledger failing after the transfer went through (as a crash between settlement
 * and the ledger update would). Each time: no content without a charge, no charge without a
 * record, and the reconcile job brings a `pending` row to what the chain says.
 *
 * The facilitator faults (timeout, 5xx, settled-but-unanswered) are in tests/remote-facilitator/.
 */
import { decodePaymentSignatureHeader } from "@x402/core/http";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { NextRequest } from "next/server";
import { eq, sql } from "drizzle-orm";
import { createTestClient, createWalletClient, erc20Abi, http, parseEther, publicActions, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET as insights } from "@/app/api/insights/route";
import { testUsdcAbi } from "@/lib/chain/contracts";
import { transferWithAuthorizationArgs } from "@/lib/chain/authorizations";
import { anvilKey } from "@/lib/local-defaults";
import { localChain, usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { adminAudit, payments } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { LOCAL_USDC_ADDRESS } from "@/lib/networks";
import { readPaymentReceipt } from "@/lib/x402/client/pay";
import { RECONCILE_JOB_ACTOR, runReconcileJob } from "@/lib/x402/reconcile-job";
import { proxy } from "@/proxy";
import { resetDatabase } from "../support/db";
import { encodePayment, fetchFor, ORIGIN, paymentRequired, signPayment } from "../support/x402";
import { FACILITATOR_TIMEOUT_MS, relay } from "./support/setup-env";

const URL = `${ORIGIN}/api/insights`;
const PRICE = 2_000n;
const get = fetchFor(insights);
/** The tests read and move funds on the chain directly, never through the relay. */
const anvilUrl = inject("rpcUrl");
const balance = (address: Address) => usdcBalanceOf(anvilUrl, address);

let db: Db;
const ledger = () => db.select().from(payments).orderBy(payments.id);

/** A new payer holding `amount` atomic USDC (and ETH for gas), so no test shares a balance. */
async function newPayer(amount = 10_000n): Promise<PrivateKeyAccount> {
  const account = privateKeyToAccount(generatePrivateKey());
  await createTestClient({ mode: "anvil", chain: localChain, transport: http(anvilUrl) }).setBalance({
    address: account.address,
    value: parseEther("1"),
  });
  await transferUsdc(privateKeyToAccount(anvilKey(8)), account.address, amount);
  return account;
}

async function transferUsdc(from: PrivateKeyAccount, to: Address, amount: bigint) {
  const wallet = createWalletClient({ account: from, chain: localChain, transport: http(anvilUrl) }).extend(publicActions);
  const hash = await wallet.writeContract({ address: LOCAL_USDC_ADDRESS, abi: erc20Abi, functionName: "transfer", args: [to, amount] });
  await wallet.waitForTransactionReceipt({ hash });
}

/** A PAYMENT-SIGNATURE for /api/insights at its current terms, signed by `account` (with the client's payment-identifier, if any). */
async function paymentFrom(account: PrivateKeyAccount, identifier?: string): Promise<string> {
  const challenge = await get(URL);
  expect(challenge.status).toBe(402);
  return encodePayment(await signPayment({ account, required: paymentRequired(challenge), identifier }));
}

const jobOptions = { rpcUrl: env.rpcUrl, network: env.network, timeoutMs: env.facilitator.timeoutMs };
const pay = (header: string) => get(URL, { headers: { "PAYMENT-SIGNATURE": header } });

beforeAll(async () => {
  db = await resetDatabase();
});

afterEach(() => relay.reset());

describe("the chain unreachable", () => {
  it("refuses with 502 and a reason, serves nothing, records nothing; the same payment goes through once it is back", async () => {
    const account = await newPayer();
    const header = await paymentFrom(account);
    const [rowsBefore, payToBefore] = await Promise.all([ledger(), balance(env.payTo)]);

    relay.fault = "down";
    const refused = await pay(header);
    const body = await refused.json();
    expect(refused.status).toBe(502);
    expect(body).toMatchObject({ error: "facilitator_unavailable", message: expect.stringContaining("nothing was charged") });
    expect(body).not.toHaveProperty("insight");
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(env.payTo)).toBe(payToBefore);

    relay.fault = undefined;
    const paid = await pay(header);
    expect(paid.status).toBe(200);
    expect((await paid.json()).insight).toEqual(expect.any(String));
    const [row] = (await ledger()).slice(rowsBefore.length);
    expect(row).toMatchObject({ status: "settled", payer: account.address, amount: PRICE });
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
  });
});

describe("the settlement's receipt lost (the transfer lands, the RPC never says so)", () => {
  it("API: answers 502 settlement_unconfirmed with Retry-After, never a 402; the same payment then gets the answer, charged once", async () => {
    const account = await newPayer();
    const header = await paymentFrom(account, generatePaymentId());
    const payToBefore = await balance(env.payTo);

    relay.fault = "drop-receipts";
    const started = Date.now();
    const pending = await pay(header);
    const elapsed = Date.now() - started;
    expect(pending.status).toBe(502);
    expect(pending.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = await pending.json();
    expect(body).toMatchObject({ error: "settlement_unconfirmed", message: expect.stringContaining("not refused") });
    expect(body).not.toHaveProperty("insight");
    // One receipt wait, not the SDK's automatic second settle and wait.
    expect(elapsed).toBeLessThan(2 * FACILITATOR_TIMEOUT_MS);
    const [row] = await db.select().from(payments).where(eq(payments.payer, account.address));
    expect(row).toMatchObject({ status: "pending", txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    // The transfer did land.
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);

    // Asked again while the chain still can't confirm it: pending again, not refused as used.
    const stillPending = await pay(header);
    expect(stillPending.status).toBe(502);
    expect(await stillPending.json()).toMatchObject({ error: "settlement_unconfirmed" });

    relay.fault = undefined;
    const paid = await pay(header);
    expect(paid.status).toBe(200);
    expect((await paid.json()).insight).toEqual(expect.any(String));
    expect(readPaymentReceipt(paid)!.transaction).toBe(row!.txHash);
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
    expect(await db.select().from(payments).where(eq(payments.payer, account.address))).toEqual([
      expect.objectContaining({ status: "settled", txHash: row!.txHash }),
    ]);
  });

  it("page: answers 502 settlement_unconfirmed too, and the same payment then opens the article", async () => {
    const article = "/articles/paying-without-an-account";
    const ask = (headers: Record<string, string> = {}) => proxy(new NextRequest(`${ORIGIN}${article}`, { headers: { Accept: "application/json", ...headers } }));
    const account = await newPayer(100_000n);
    const required = paymentRequired(await ask());
    const header = encodePayment(await signPayment({ account, required, identifier: generatePaymentId() }));

    relay.fault = "drop-receipts";
    const pending = await ask({ "PAYMENT-SIGNATURE": header });
    expect(pending.status).toBe(502);
    expect(pending.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await pending.json()).toMatchObject({ error: "settlement_unconfirmed" });
    expect(pending.headers.get("set-cookie")).toBeNull();

    relay.fault = undefined;
    const paid = await ask({ "PAYMENT-SIGNATURE": header });
    expect(paid.status).toBe(200);
    expect((await paid.json()).body).toEqual(expect.any(String));
    expect(paid.headers.get("set-cookie")).toContain("x402_grant_");
  });

  it("page and API alike answer an unreachable chain with 502 facilitator_unavailable", async () => {
    const account = await newPayer(100_000n);
    const article = "/articles/paying-without-an-account";
    const required = paymentRequired(await proxy(new NextRequest(`${ORIGIN}${article}`, { headers: { Accept: "application/json" } })));
    const pageHeader = encodePayment(await signPayment({ account, required }));
    const apiHeader = await paymentFrom(account);

    relay.fault = "down";
    const page = await proxy(new NextRequest(`${ORIGIN}${article}`, { headers: { Accept: "application/json", "PAYMENT-SIGNATURE": pageHeader } }));
    const api = await pay(apiHeader);
    for (const response of [page, api]) {
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: "facilitator_unavailable" });
    }
  });
});

describe("what the facilitator asks the chain", () => {
  const codeReadsOf = (address: Address) =>
    relay.calls.filter((call) => call.method === "eth_getCode" && String(call.params?.[0]).toLowerCase() === address.toLowerCase()).length;

  it("reads the payer's code once for a payment's verify and settle, and again once the reuse window is over", async () => {
    const account = await newPayer();
    const first = await paymentFrom(account);
    const second = await paymentFrom(account);

    relay.reset();
    expect((await pay(first)).status).toBe(200);
    // The exact scheme asks four times (verify and settle each classify the payer, then check its signature).
    expect(codeReadsOf(account.address)).toBe(1);
    expect((await pay(second)).status).toBe(200);
    expect(codeReadsOf(account.address)).toBe(1);

    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 11_000);
      expect((await pay(await paymentFrom(account))).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    expect(codeReadsOf(account.address)).toBe(2);
    expect(await balance(account.address)).toBe(10_000n - 3n * PRICE);
  });
});

describe("the settlement transaction refused after the payment was verified", () => {
  it("serves nothing and charges nothing; the row records why, and the same payment settles once later", async () => {
    const account = await newPayer();
    const header = await paymentFrom(account);
    const payToBefore = await balance(env.payTo);

    relay.fault = "refuse-transactions";
    const refused = await pay(header);
    expect(refused.status).toBe(402);
    const body = await refused.json();
    expect(body).toMatchObject({ error: "invalid_exact_evm_transaction_failed", message: expect.stringContaining("nothing was charged") });
    expect(body).not.toHaveProperty("insight");
    const [row] = await db.select().from(payments).where(eq(payments.payer, account.address));
    // The transaction never left: nothing can be charged, so the row is final (a retry may claim it again).
    expect(row).toMatchObject({ status: "failed", errorReason: "invalid_exact_evm_transaction_failed", txHash: null });
    expect(await balance(env.payTo)).toBe(payToBefore);

    relay.fault = undefined;
    const paid = await pay(header);
    expect(paid.status).toBe(200);
    const rows = await db.select().from(payments).where(eq(payments.payer, account.address));
    expect(rows).toEqual([expect.objectContaining({ status: "settled", txHash: readPaymentReceipt(paid)!.transaction })]);
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
  });
});

describe("the payer's funds gone between verify and settle", () => {
  it("serves nothing, charges nothing, and records the payment as failed", async () => {
    const account = await newPayer(PRICE);
    const header = await paymentFrom(account);
    const payToBefore = await balance(env.payTo);

    // The payer empties its wallet just before the settlement transaction reaches the chain.
    relay.beforeTransaction = async () => {
      relay.beforeTransaction = undefined;
      await transferUsdc(account, privateKeyToAccount(generatePrivateKey()).address, PRICE);
    };
    const refused = await pay(header);
    expect(refused.status).toBe(402);
    const body = await refused.json();
    expect(body.error).toBe("invalid_exact_evm_transaction_failed");
    expect(body).not.toHaveProperty("insight");
    const [row] = await db.select().from(payments).where(eq(payments.payer, account.address));
    expect(row).toMatchObject({ status: "failed", errorReason: "invalid_exact_evm_transaction_failed" });
    expect(await balance(env.payTo)).toBe(payToBefore);
    expect(await balance(account.address)).toBe(0n);
  });
});

describe("the ledger failing after the transfer went through", () => {
  // The database refuses to record this payer's settlement, as if the process died right after
  // the facilitator answered: the transfer is on chain, the row still says `pending`.
  async function failSettledUpdatesOf(payer: Address) {
    await db.execute(sql.raw(`create function fail_settlement() returns trigger language plpgsql as $$
      begin raise exception 'simulated crash before the ledger update'; end $$`));
    await db.execute(sql.raw(`create trigger fail_settlement before update on payments for each row
      when (new.status = 'settled' and new.payer = '${payer}') execute function fail_settlement()`));
  }
  async function restoreLedger() {
    await db.execute(sql`drop trigger fail_settlement on payments`);
    await db.execute(sql`drop function fail_settlement()`);
  }

  it("serves what was paid for, keeps the row pending, and the reconcile job records the transfer", async () => {
    const account = await newPayer();
    const header = await paymentFrom(account, generatePaymentId());
    const payToBefore = await balance(env.payTo);

    await failSettledUpdatesOf(account.address);
    const paid = await pay(header).finally(restoreLedger);
    // The payer was charged, so the content is theirs: a missing ledger update must not withhold it.
    expect(paid.status).toBe(200);
    expect((await paid.json()).insight).toEqual(expect.any(String));
    const receipt = readPaymentReceipt(paid)!;
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
    const row = (await db.select().from(payments).where(eq(payments.payer, account.address)))[0]!;
    expect(row).toMatchObject({ status: "pending", txHash: null });

    // Still within the settlement's in-flight window, the job leaves it to the request settling it.
    expect((await runReconcileJob(jobOptions)).payments.map((result) => result.id)).not.toContain(row.id);
    await db.execute(sql`update payments set attempted_at = now() - interval '5 minutes' where id = ${row.id}`);

    const { payments: results } = await runReconcileJob(jobOptions);
    expect(results).toContainEqual({ id: row.id, outcome: expect.objectContaining({ status: "settled", txHash: receipt.transaction }) });
    const [reconciled] = await db.select().from(payments).where(eq(payments.id, row.id));
    expect(reconciled).toMatchObject({ status: "settled", txHash: receipt.transaction, errorReason: null });
    const [audit] = await db.select().from(adminAudit).where(eq(adminAudit.entityId, String(row.id)));
    expect(audit).toMatchObject({ actor: RECONCILE_JOB_ACTOR, action: "payment.reconcile" });

    // The client that never saw its answer sends the payment again: the same receipt, no new charge.
    const again = await pay(header);
    expect(again.status).toBe(200);
    expect(readPaymentReceipt(again)!.transaction).toBe(receipt.transaction);
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
  });
});

describe("the reconcile job", () => {
  /** A refused settlement: a `failed` row whose signed authorization never reached the chain. */
  async function failedPayment(account: PrivateKeyAccount) {
    const header = await paymentFrom(account);
    relay.fault = "refuse-transactions";
    await pay(header);
    relay.fault = undefined;
    const [row] = await db.select().from(payments).where(eq(payments.payer, account.address));
    expect(row!.status).toBe("failed");
    return { header, row: row! };
  }

  it("leaves a failed payment alone while its authorization stays unused", async () => {
    const { row } = await failedPayment(await newPayer());
    const { payments: results } = await runReconcileJob(jobOptions);
    expect(results).toContainEqual({ id: row.id, outcome: { status: "failed", reason: row.errorReason } });
    expect((await db.select().from(payments).where(eq(payments.id, row.id)))[0]).toEqual(row);
  });

  it("records a failed payment as settled once someone else submits its authorization", async () => {
    const account = await newPayer();
    const { header, row } = await failedPayment(account);
    const payToBefore = await balance(env.payTo);

    // The signed authorization is a bearer instrument: anyone holding it can submit it.
    const stranger = createWalletClient({ account: privateKeyToAccount(anvilKey(5)), chain: localChain, transport: http(anvilUrl) }).extend(publicActions);
    const hash = await stranger.writeContract({
      address: LOCAL_USDC_ADDRESS,
      abi: testUsdcAbi,
      functionName: "transferWithAuthorization",
      args: transferWithAuthorizationArgs(decodePaymentSignatureHeader(header).payload),
    });
    await stranger.waitForTransactionReceipt({ hash });
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);

    const { payments: results } = await runReconcileJob(jobOptions);
    expect(results).toContainEqual({ id: row.id, outcome: expect.objectContaining({ status: "settled", txHash: hash }) });
    expect((await db.select().from(payments).where(eq(payments.id, row.id)))[0]).toMatchObject({ status: "settled", txHash: hash });
  });

  it("gives a chain that stops answering one timeout per payment, not viem's retries", async () => {
    const { row } = await failedPayment(await newPayer());
    relay.fault = "hang";
    const seconds: number[] = [];
    let last = Date.now();
    const run = await runReconcileJob({
      ...jobOptions,
      onPayment: () => {
        seconds.push((Date.now() - last) / 1000);
        last = Date.now();
      },
    });
    expect(run.payments).toContainEqual({ id: row.id, outcome: { status: "error", reason: expect.stringMatching(/took too long/) } });
    for (const spent of seconds) expect(spent).toBeLessThan((FACILITATOR_TIMEOUT_MS * 1.5) / 1000);
  });

  it("reports each payment it could not check with the chain unreachable, and changes nothing", async () => {
    const { row } = await failedPayment(await newPayer());
    // As a settlement whose outcome is unknown would leave it.
    await db.execute(sql`update payments set status = 'pending', attempted_at = now() - interval '5 minutes' where id = ${row.id}`);
    const before = (await db.select().from(payments).where(eq(payments.id, row.id)))[0];

    relay.fault = "down";
    const { payments: results } = await runReconcileJob(jobOptions);
    expect(results).toContainEqual({ id: row.id, outcome: { status: "error", reason: expect.any(String) } });
    expect((await db.select().from(payments).where(eq(payments.id, row.id)))[0]).toEqual(before);

    relay.fault = undefined;
    const { payments: answered } = await runReconcileJob(jobOptions);
    expect(answered).toContainEqual({ id: row.id, outcome: { status: "pending", reason: expect.stringContaining("not on chain yet") } });
  });
});
