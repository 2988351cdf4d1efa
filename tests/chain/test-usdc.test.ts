/**
 * TestUSDC on the run's anvil: its EIP-712 domain, EIP-3009 and EIP-2612 behaviour, and a real
 * x402 facilitator verifying and settling a payment with it. Payers #7 and #8, payee #9.
 */
import { x402Client } from "@x402/core/client";
import { x402Facilitator } from "@x402/core/facilitator";
import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { registerExactEvmScheme } from "@x402/evm/exact/facilitator";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  domainSeparator,
  http,
  nonceManager,
  parseEventLogs,
  parseSignature,
  publicActions,
  toHex,
  type Address,
  type Hex,
  type PrivateKeyAccount,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, inject, it } from "vitest";
import { anvilAddress, FACILITATOR_ACCOUNT, PAY_TO_ACCOUNT } from "@/lib/local-defaults";
import { testUsdcAbi, testUsdcDeployedBytecode } from "@/lib/chain/contracts";
import { anvilKey } from "@/lib/local-defaults";
import { localChain, mintTestUsdc, usdcBalanceOf } from "@/lib/chain/local";
import { LOCAL_USDC_ADDRESS, NETWORKS } from "@/lib/networks";

const rpcUrl = inject("rpcUrl");
const usdc = LOCAL_USDC_ADDRESS;
const transport = http(rpcUrl);
const publicClient = createPublicClient({ chain: localChain, transport, pollingInterval: 50 });
const testClient = createTestClient({ mode: "anvil", chain: localChain, transport });

const payer = privateKeyToAccount(anvilKey(7));
/** Submits payer #7's signed authorizations, and plays the wrong signer. */
const relayer = privateKeyToAccount(anvilKey(8));
const payTo = anvilAddress(PAY_TO_ACCOUNT);
const relayerWallet = createWalletClient({ account: relayer, chain: localChain, transport });
const payerWallet = createWalletClient({ account: payer, chain: localChain, transport });

const domain = { name: "USDC", version: "2", chainId: localChain.id, verifyingContract: usdc } as const;
const authorizationFields = [
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "value", type: "uint256" },
  { name: "validAfter", type: "uint256" },
  { name: "validBefore", type: "uint256" },
  { name: "nonce", type: "bytes32" },
] as const;
const types = {
  TransferWithAuthorization: authorizationFields,
  ReceiveWithAuthorization: authorizationFields,
  CancelAuthorization: [
    { name: "authorizer", type: "address" },
    { name: "nonce", type: "bytes32" },
  ],
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

type AuthorizationKind = "TransferWithAuthorization" | "ReceiveWithAuthorization";
type Authorization = readonly [Address, Address, bigint, bigint, bigint, Hex];

const randomNonce = () => toHex(crypto.getRandomValues(new Uint8Array(32)));
const inAnHour = () => BigInt(Math.floor(Date.now() / 1000) + 3600);

/** An authorization from payer #7, signed by `signer` (the payer unless a test forges one). */
async function authorize(
  overrides: Partial<{ to: Address; value: bigint; validAfter: bigint; validBefore: bigint }> = {},
  { signer = payer, kind = "TransferWithAuthorization" }: { signer?: PrivateKeyAccount; kind?: AuthorizationKind } = {},
) {
  const message = {
    from: payer.address,
    to: payTo,
    value: 1_000n,
    validAfter: 0n,
    validBefore: inAnHour(),
    nonce: randomNonce(),
    ...overrides,
  };
  const signature = await signer.signTypedData({ domain, types, primaryType: kind, message });
  const args: Authorization = [
    message.from,
    message.to,
    message.value,
    message.validAfter,
    message.validBefore,
    message.nonce,
  ];
  return { args, signature, ...splitSignature(signature) };
}

function splitSignature(signature: Hex) {
  const { r, s, v } = parseSignature(signature);
  return { r, s, v: Number(v) };
}

const simulateTransfer = (args: Authorization, signature: Hex) =>
  publicClient.simulateContract({
    account: relayer,
    address: usdc,
    abi: testUsdcAbi,
    functionName: "transferWithAuthorization",
    args: [...args, signature],
  });

async function mined(hash: Promise<Hex>) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

const authorizationUsed = (authorizer: Address, nonce: Hex) =>
  publicClient.readContract({ address: usdc, abi: testUsdcAbi, functionName: "authorizationState", args: [authorizer, nonce] });

describe("TestUSDC", () => {
  it("has USDC's metadata and the EIP-712 domain x402 signs against", async () => {
    const read = <F extends "name" | "symbol" | "decimals" | "version" | "DOMAIN_SEPARATOR">(functionName: F) =>
      publicClient.readContract({ address: usdc, abi: testUsdcAbi, functionName });
    expect(await read("name")).toBe("USDC");
    expect(await read("symbol")).toBe("USDC");
    expect(await read("decimals")).toBe(6);
    expect(await read("version")).toBe("2");
    expect(await read("DOMAIN_SEPARATOR")).toBe(domainSeparator({ domain }));
  });

  it("moves funds with a signed transferWithAuthorization (v, r, s) and marks the nonce used", async () => {
    const { args, v, r, s } = await authorize({ value: 1_234n });
    const [from, to, value, , , nonce] = args;
    const before = await Promise.all([usdcBalanceOf(rpcUrl, from), usdcBalanceOf(rpcUrl, to)]);
    expect(await authorizationUsed(from, nonce)).toBe(false);

    const receipt = await mined(
      relayerWallet.writeContract({
        address: usdc,
        abi: testUsdcAbi,
        functionName: "transferWithAuthorization",
        args: [...args, v, r, s],
      }),
    );

    expect(await usdcBalanceOf(rpcUrl, from)).toBe(before[0] - value);
    expect(await usdcBalanceOf(rpcUrl, to)).toBe(before[1] + value);
    expect(await authorizationUsed(from, nonce)).toBe(true);
    const events = parseEventLogs({ abi: testUsdcAbi, logs: receipt.logs }).map((log) => log.eventName);
    expect(events).toEqual(["AuthorizationUsed", "Transfer"]);
  });

  it("refuses to replay an authorization", async () => {
    const { args, signature } = await authorize();
    await mined(
      relayerWallet.writeContract({ address: usdc, abi: testUsdcAbi, functionName: "transferWithAuthorization", args: [...args, signature] }),
    );
    await expect(simulateTransfer(args, signature)).rejects.toThrow("TestUSDC: authorization is used or canceled");
  });

  it("enforces validAfter and validBefore", async () => {
    const expired = await authorize({ validBefore: 1n });
    await expect(simulateTransfer(expired.args, expired.signature)).rejects.toThrow("TestUSDC: authorization is expired");
    const early = await authorize({ validAfter: inAnHour() });
    await expect(simulateTransfer(early.args, early.signature)).rejects.toThrow("TestUSDC: authorization is not yet valid");
  });

  it("rejects a signature by anyone but `from`", async () => {
    const forged = await authorize({}, { signer: relayer });
    await expect(simulateTransfer(forged.args, forged.signature)).rejects.toThrow("TestUSDC: invalid signature");
  });

  it("rejects the malleable twin of a valid signature and a bad v", async () => {
    const { args, r, s, v } = await authorize();
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const twin = { r, s: toHex(n - BigInt(s), { size: 32 }), v: v === 27 ? 28 : 27 };
    const simulate = (sig: { r: Hex; s: Hex; v: number }) =>
      publicClient.simulateContract({
        account: relayer,
        address: usdc,
        abi: testUsdcAbi,
        functionName: "transferWithAuthorization",
        args: [...args, sig.v, sig.r, sig.s],
      });
    await expect(simulate(twin)).rejects.toThrow("TestUSDC: invalid signature 's' value");
    await expect(simulate({ r, s, v: v + 2 })).rejects.toThrow("TestUSDC: invalid signature 'v' value");
    await expect(simulate({ r, s, v })).resolves.toBeDefined();
  });

  it("lets only the payee submit receiveWithAuthorization", async () => {
    const { args, signature } = await authorize({ to: relayer.address }, { kind: "ReceiveWithAuthorization" });
    const receive = { address: usdc, abi: testUsdcAbi, functionName: "receiveWithAuthorization", args: [...args, signature] } as const;
    await expect(publicClient.simulateContract({ ...receive, account: payer })).rejects.toThrow(
      "TestUSDC: caller must be the payee",
    );
    const before = await usdcBalanceOf(rpcUrl, relayer.address);
    await mined(relayerWallet.writeContract(receive));
    expect(await usdcBalanceOf(rpcUrl, relayer.address)).toBe(before + args[2]);
    // A receive authorization is not a transfer authorization: the type hash differs.
    const receiveOnly = await authorize({ to: relayer.address }, { kind: "ReceiveWithAuthorization" });
    await expect(simulateTransfer(receiveOnly.args, receiveOnly.signature)).rejects.toThrow("TestUSDC: invalid signature");
  });

  it("blocks an authorization after cancelAuthorization", async () => {
    const { args, signature } = await authorize();
    const nonce = args[5];
    const cancel = await payer.signTypedData({
      domain,
      types,
      primaryType: "CancelAuthorization",
      message: { authorizer: payer.address, nonce },
    });
    const { v, r, s } = splitSignature(cancel);
    const receipt = await mined(
      relayerWallet.writeContract({
        address: usdc,
        abi: testUsdcAbi,
        functionName: "cancelAuthorization",
        args: [payer.address, nonce, v, r, s],
      }),
    );
    expect(parseEventLogs({ abi: testUsdcAbi, logs: receipt.logs, eventName: "AuthorizationCanceled" })).toHaveLength(1);
    expect(await authorizationUsed(payer.address, nonce)).toBe(true);
    await expect(simulateTransfer(args, signature)).rejects.toThrow("TestUSDC: authorization is used or canceled");
  });

  it("sets an allowance with permit and bumps the owner's nonce", async () => {
    const nonces = () =>
      publicClient.readContract({ address: usdc, abi: testUsdcAbi, functionName: "nonces", args: [payer.address] });
    const nonce = await nonces();
    const value = BigInt(Date.now()); // distinct from any allowance an earlier run could have left
    const message = { owner: payer.address, spender: relayer.address, value, nonce, deadline: inAnHour() };
    const { v, r, s } = splitSignature(await payer.signTypedData({ domain, types, primaryType: "Permit", message }));
    const permit = {
      address: usdc,
      abi: testUsdcAbi,
      functionName: "permit",
      args: [message.owner, message.spender, message.value, message.deadline, v, r, s],
    } as const;

    await mined(relayerWallet.writeContract(permit));

    expect(
      await publicClient.readContract({ address: usdc, abi: testUsdcAbi, functionName: "allowance", args: [payer.address, relayer.address] }),
    ).toBe(value);
    expect(await nonces()).toBe(nonce + 1n);
    // The signature was for the old nonce, so it can't be used again.
    await expect(publicClient.simulateContract({ ...permit, account: relayer })).rejects.toThrow("TestUSDC: invalid signature");
  });

  it("asks a contract signer via EIP-1271 when given a bytes signature", async () => {
    // Runtime code that answers every call with isValidSignature's magic value 0x1626ba7e, and one
    // that answers with zero: stand-ins for a wallet that approves and one that refuses.
    const approves = privateKeyToAccount(generatePrivateKey()).address;
    const refuses = privateKeyToAccount(generatePrivateKey()).address;
    await testClient.setCode({ address: approves, bytecode: "0x631626ba7e60e01b5f5260205ff3" });
    await testClient.setCode({ address: refuses, bytecode: "0x60205ff3" });
    await mintTestUsdc(rpcUrl, approves, 500n);
    await mintTestUsdc(rpcUrl, refuses, 500n);

    const fromWallet = (from: Address) =>
      [from, payTo, 500n, 0n, inAnHour(), randomNonce()] as const satisfies Authorization;
    await expect(simulateTransfer(fromWallet(refuses), "0x")).rejects.toThrow("TestUSDC: invalid signature");
    await mined(
      relayerWallet.writeContract({
        address: usdc,
        abi: testUsdcAbi,
        functionName: "transferWithAuthorization",
        args: [...fromWallet(approves), "0x"],
      }),
    );
    expect(await usdcBalanceOf(rpcUrl, approves)).toBe(0n);
  });

  it("works from its runtime code alone, as placed by anvil_setCode", async () => {
    const placed = privateKeyToAccount(generatePrivateKey()).address;
    await testClient.setCode({ address: placed, bytecode: testUsdcDeployedBytecode });
    const token = { address: placed, abi: testUsdcAbi } as const;
    expect(await publicClient.readContract({ ...token, functionName: "DOMAIN_SEPARATOR" })).toBe(
      domainSeparator({ domain: { ...domain, verifyingContract: placed } }),
    );
    await mined(payerWallet.writeContract({ ...token, functionName: "mint", args: [payer.address, 7n] }));
    expect(await publicClient.readContract({ ...token, functionName: "balanceOf", args: [payer.address] })).toBe(7n);
  });

  it("lets anyone mint", async () => {
    const recipient = privateKeyToAccount(generatePrivateKey()).address;
    await mined(payerWallet.writeContract({ address: usdc, abi: testUsdcAbi, functionName: "mint", args: [recipient, 42n] }));
    expect(await usdcBalanceOf(rpcUrl, recipient)).toBe(42n);
  });
});

describe("x402 exact scheme with TestUSDC", () => {
  const network = NETWORKS.local.caip2;
  const requirements: PaymentRequirements = {
    scheme: "exact",
    network,
    asset: usdc,
    amount: "10000",
    payTo,
    maxTimeoutSeconds: 300,
    extra: { ...NETWORKS.local.usdc.eip712 },
  };
  const paymentRequired: PaymentRequired = {
    x402Version: 2,
    resource: { url: "http://paywall.test/articles/1" },
    accepts: [requirements],
  };

  function createFacilitator() {
    const account = privateKeyToAccount(anvilKey(FACILITATOR_ACCOUNT), { nonceManager });
    const wallet = createWalletClient({ account, chain: localChain, transport }).extend(publicActions);
    const signer = toFacilitatorEvmSigner({
      ...wallet,
      address: account.address,
      verifyTypedData: (args) => wallet.verifyTypedData(args as Parameters<typeof wallet.verifyTypedData>[0]),
    });
    return registerExactEvmScheme(new x402Facilitator(), { signer, networks: network });
  }

  function createClient() {
    return new x402Client()
      .register(network, new ExactEvmScheme(payer))
      .setSpendControls({ allowedAssets: [{ network, asset: usdc, maxAmountPerPayment: "1000000" }] });
  }

  it("verifies and settles a payment, then refuses to settle it again", async () => {
    const facilitator = createFacilitator();
    const payload = await createClient().createPaymentPayload(paymentRequired);
    const before = await Promise.all([usdcBalanceOf(rpcUrl, payer.address), usdcBalanceOf(rpcUrl, payTo)]);

    const verified = await facilitator.verify(payload, requirements);
    expect(verified).toMatchObject({ isValid: true, payer: payer.address });

    const settled = await facilitator.settle(payload, requirements);
    expect(settled).toMatchObject({ success: true, network, payer: payer.address });
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    const receipt = await publicClient.getTransactionReceipt({ hash: settled.transaction as Hex });
    expect(receipt.status).toBe("success");
    expect(await usdcBalanceOf(rpcUrl, payer.address)).toBe(before[0] - 10_000n);
    expect(await usdcBalanceOf(rpcUrl, payTo)).toBe(before[1] + 10_000n);

    // The facilitator diagnoses the failed simulation through Multicall3 (tryAggregate).
    const again = await facilitator.verify(payload, requirements);
    expect(again).toMatchObject({ isValid: false, invalidReason: "invalid_exact_evm_nonce_already_used" });
    const resettled = await facilitator.settle(payload, requirements);
    expect(resettled).toMatchObject({ success: false, errorReason: "invalid_exact_evm_nonce_already_used" });
  });
});
