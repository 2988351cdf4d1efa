/**
 * The facilitator that verifies and settles payments: in-process (our own key settles on
 * `RPC_URL`, the default on the local chain), a remote one over HTTP (`FACILITATOR_URL`), or
 * Coinbase's CDP facilitator, whose requests carry a JWT signed with the CDP API key.
 */
import "server-only";
import { createCdpAuthHeaders } from "@coinbase/x402";
import { x402Facilitator } from "@x402/core/facilitator";
import { HTTPFacilitatorClient, type FacilitatorClient } from "@x402/core/server";
import {
  FacilitatorResponseError,
  type PaymentPayload,
  type PaymentRequirements,
  type SupportedResponse,
} from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { registerExactEvmScheme } from "@x402/evm/exact/facilitator";
import {
  createPublicClient,
  createWalletClient,
  http,
  isAddressEqual,
  nonceManager,
  publicActions,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { FacilitatorConfig } from "@/lib/env";
import { toViemChain, type NetworkConfig } from "@/lib/networks";
import { SETTLEMENT_PENDING, settleFailureOf } from "./errors";

/** How long a payer's code, once read, answers the scheme's next reads of it. */
const PAYER_CODE_REUSE_MS = 10_000;

/**
 * The exact scheme reads code on every check: USDC's (is the asset a contract?) and the payer's
 * (a smart wallet signs by ERC-1271, an account by ECDSA), twice in verify and twice again in
 * settle, which checks once more what verify just checked. Four round trips to the RPC per
 * payment for one answer. USDC's code does not change once deployed: asked until it answers with
 * code, then kept. A payer's code can change (a smart wallet deploys, an account delegates), so it
 * is kept only PAYER_CODE_REUSE_MS, the span of one payment; should it change within that span, the
 * token checks the signature again on chain and the settlement fails, charging nothing.
 */
function codeReader(asset: Address, read: (address: Address) => Promise<Hex | undefined>) {
  let assetCode: Hex | undefined;
  const payers = new Map<string, { at: number; code: Promise<Hex | undefined> }>();
  const dropStale = (now: number) => {
    for (const [key, entry] of payers) {
      if (now - entry.at < PAYER_CODE_REUSE_MS) break; // insertion order: the rest are newer
      payers.delete(key);
    }
  };
  return async ({ address }: { address: Address }): Promise<Hex | undefined> => {
    if (isAddressEqual(address, asset)) {
      if (assetCode) return assetCode;
      const found = await read(address);
      if (found && found !== "0x") assetCode = found;
      return found;
    }
    const now = Date.now();
    dropStale(now);
    const key = address.toLowerCase();
    const kept = payers.get(key);
    if (kept) return kept.code;
    const code = read(address);
    payers.set(key, { at: now, code });
    code.catch(() => payers.get(key)?.code === code && payers.delete(key)); // a failed read is asked again
    return code;
  };
}

function createLocalFacilitator(config: Extract<FacilitatorConfig, { mode: "local" }>, network: NetworkConfig): FacilitatorClient {
  // The nonce manager lets concurrent settlements share one key without nonce collisions.
  const account = privateKeyToAccount(config.privateKey, { nonceManager });
  const wallet = createWalletClient({
    account,
    chain: toViemChain(network, config.rpcUrl),
    transport: http(config.rpcUrl, { timeout: config.timeoutMs }),
    pollingInterval: network.receiptPollingMs,
  }).extend(publicActions);
  const signer = toFacilitatorEvmSigner(
    {
      address: account.address,
      readContract: (args) => wallet.readContract(args as Parameters<typeof wallet.readContract>[0]),
      verifyTypedData: (args) => wallet.verifyTypedData(args as Parameters<typeof wallet.verifyTypedData>[0]),
      writeContract: (args) => wallet.writeContract(args as Parameters<typeof wallet.writeContract>[0]),
      sendTransaction: (args) => wallet.sendTransaction(args),
      waitForTransactionReceipt: (args) => wallet.waitForTransactionReceipt(args),
      getCode: codeReader(network.usdc.address, (address) => wallet.getCode({ address })),
    },
    { confirmationTimeoutMs: config.timeoutMs },
  );
  const facilitator = registerExactEvmScheme(new x402Facilitator(), { signer, networks: network.caip2 });
  // The exact scheme reports a chain it could not read as a bad payment ("invalid signature"):
  // before a refusal goes out, make sure the chain answers; if it does not, the boundary below
  // reports the facilitator unavailable (502, row left pending) instead of blaming the payment.
  const chainAnswers = () => wallet.getBlockNumber({ cacheTime: 0 });
  return {
    async verify(payload, requirements) {
      const result = await facilitator.verify(payload, requirements);
      if (!result.isValid) await chainAnswers();
      return result;
    },
    async settle(payload, requirements) {
      const result = await facilitator.settle(payload, requirements).catch(async (error: unknown) => {
        await chainAnswers();
        throw error;
      });
      if (!result.success) await chainAnswers();
      return result;
    },
    getSupported: async () => facilitator.getSupported() as SupportedResponse,
  };
}

/** A settlement broadcast in `transaction` whose receipt did not come back in time: its fate is unknown. */
class SettlementUnconfirmedError extends FacilitatorResponseError {
  constructor(readonly transaction: string | undefined) {
    super(`Facilitator settle unconfirmed${transaction ? `: ${transaction} sent, no receipt yet` : ""}`);
  }
}

/** Errors the x402 packages raise on purpose, by name (see ./errors.ts on why not `instanceof`). */
const X402_ERRORS = new Set(["VerifyError", "SettleError", "FacilitatorResponseError", "FacilitatorTimeoutError"]);

/**
 * Turns transport failures (RPC down, facilitator 5xx or unreachable) into
 * `FacilitatorResponseError`, which the x402 server treats as "facilitator unavailable" instead of
 * "your payment is invalid": the client gets a 502, the ledger row stays pending.
 *
 * A settlement that was sent but not confirmed in time (`settlement_pending`, thrown by the
 * in-process facilitator or returned by a remote one) becomes one too, with its transaction: the
 * x402 server would otherwise settle it once more and wait as long again before answering.
 */
function withFacilitatorBoundary(inner: FacilitatorClient): FacilitatorClient {
  const guard = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const pending = settleFailureOf(error);
      if (pending?.errorReason === SETTLEMENT_PENDING) throw new SettlementUnconfirmedError(pending.transaction);
      if (error instanceof Error && X402_ERRORS.has(error.name)) throw error;
      const boundary = new FacilitatorResponseError(
        `Facilitator ${operation} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      );
      boundary.cause = error;
      throw boundary;
    }
  };
  return {
    verify: (payload: PaymentPayload, requirements: PaymentRequirements) =>
      guard("verify", () => inner.verify(payload, requirements)),
    settle: (payload: PaymentPayload, requirements: PaymentRequirements) =>
      guard("settle", async () => {
        const result = await inner.settle(payload, requirements);
        if (!result.success && result.errorReason === SETTLEMENT_PENDING) throw new SettlementUnconfirmedError(result.transaction || undefined);
        return result;
      }),
    getSupported: () => guard("supported", () => inner.getSupported()),
  };
}

function createRemoteFacilitator(config: Extract<FacilitatorConfig, { mode: "http" | "cdp" }>, timeoutMs: number): FacilitatorClient {
  return new HTTPFacilitatorClient({
    url: config.url,
    timeoutMs,
    // A fresh JWT per call, bound to the method and path it authorizes (@coinbase/x402).
    createAuthHeaders: config.mode === "cdp" ? createCdpAuthHeaders(config.apiKeyId, config.apiKeySecret) : undefined,
  });
}

export function createFacilitatorClient(config: FacilitatorConfig, network: NetworkConfig): FacilitatorClient {
  const inner = config.mode === "local" ? createLocalFacilitator(config, network) : createRemoteFacilitator(config, config.timeoutMs);
  return withFacilitatorBoundary(inner);
}

export interface FacilitatorHealth {
  ok: boolean;
  mode: FacilitatorConfig["mode"];
  detail: string;
}

/** How long a health check waits: health endpoints must answer fast, whatever the payment timeout. */
const HEALTH_TIMEOUT_MS = 3_000;

/** Is the settlement path reachable? The chain's head for the in-process facilitator, `/supported` otherwise. */
export async function checkFacilitator(config: FacilitatorConfig, network: NetworkConfig): Promise<FacilitatorHealth> {
  try {
    if (config.mode === "local") {
      const client = createPublicClient({ transport: http(config.rpcUrl, { timeout: HEALTH_TIMEOUT_MS, retryCount: 0 }) });
      const [chainId, block] = await Promise.all([client.getChainId(), client.getBlockNumber()]);
      if (chainId !== network.chainId) {
        return { ok: false, mode: config.mode, detail: `RPC chain id ${chainId}, expected ${network.chainId}` };
      }
      return { ok: true, mode: config.mode, detail: `block ${block}` };
    }
    const supported = await createRemoteFacilitator(config, HEALTH_TIMEOUT_MS).getSupported();
    const kind = supported.kinds.find((k) => k.network === network.caip2 && k.scheme === "exact");
    return kind
      ? { ok: true, mode: config.mode, detail: `supports exact on ${network.caip2}` }
      : { ok: false, mode: config.mode, detail: `does not support exact on ${network.caip2}` };
  } catch (error) {
    return { ok: false, mode: config.mode, detail: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}
