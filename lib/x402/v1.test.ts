import { decodePaymentResponseHeader, encodePaymentResponseHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { PaymentRequiredV1Schema, type PaymentPayloadV1 } from "@x402/core/schemas";
import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { ExactEvmSchemeV1 } from "@x402/evm/exact/v1/client";
import { getAddress, verifyTypedData, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { transferWithAuthorizationTypes } from "@/lib/x402/eip3009";
import { decodeV1PaymentHeader, toV1Accepts, toV1PaymentResponseHeader, toV2Payment, v1NetworkName } from "./v1";

const MAX = 8 * 1024;
const requirement = (network: `${string}:${string}`): PaymentRequirements => ({
  scheme: "exact",
  network,
  amount: "20000",
  asset: "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
  payTo: "0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
  maxTimeoutSeconds: 300,
  extra: { name: "USDC", version: "2" },
});
const required = (...accepts: PaymentRequirements[]): PaymentRequired => ({
  x402Version: 2,
  error: "Payment required",
  resource: { url: "http://paywall.test/api/insights", description: "Insights", mimeType: "application/json" },
  accepts,
});
const baseSepolia = required(requirement("eip155:84532"));

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
const v1Payload = (overrides: Partial<PaymentPayloadV1> = {}): PaymentPayloadV1 => ({
  x402Version: 1,
  scheme: "exact",
  network: "base-sepolia",
  payload: { signature: "0x00", authorization: {} },
  ...overrides,
});

describe("v1NetworkName", () => {
  it.each([
    ["eip155:84532", "base-sepolia"],
    ["eip155:8453", "base"],
    ["eip155:31337", undefined],
    ["eip155:", undefined],
    ["solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp", undefined],
    ["base-sepolia", undefined],
  ])("%s → %s", (network, name) => {
    expect(v1NetworkName(network)).toBe(name);
  });
});

describe("toV1Accepts", () => {
  it("moves the resource into each requirement and renames the amount: a valid v1 402 body", () => {
    const accepts = toV1Accepts(baseSepolia);
    expect(accepts).toEqual([
      {
        scheme: "exact",
        network: "base-sepolia",
        maxAmountRequired: "20000",
        resource: "http://paywall.test/api/insights",
        description: "Insights",
        mimeType: "application/json",
        payTo: "0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
        maxTimeoutSeconds: 300,
        asset: "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
        extra: { name: "USDC", version: "2" },
      },
    ]);
    expect(PaymentRequiredV1Schema.safeParse({ x402Version: 1, error: "payment_required", accepts }).success).toBe(true);
  });

  it("gives v1 clients strings where the resource has no description or type", () => {
    const [accept] = toV1Accepts({ ...baseSepolia, resource: { url: "http://paywall.test/x" } }) ?? [];
    expect(accept).toMatchObject({ description: "", mimeType: "" });
  });

  it("leaves out requirements on networks without a v1 name, and is undefined when that is all of them", () => {
    expect(toV1Accepts(required(requirement("eip155:31337"), requirement("eip155:8453")))?.map((a) => a.network)).toEqual(["base"]);
    expect(toV1Accepts(required(requirement("eip155:31337")))).toBeUndefined();
  });
});

describe("decodeV1PaymentHeader", () => {
  it("decodes a v1 payload", () => {
    const payload = v1Payload();
    expect(decodeV1PaymentHeader(encode(payload), MAX)).toEqual({ ok: true, payload });
  });

  it("refuses a header over the size limit before decoding it (431)", () => {
    expect(decodeV1PaymentHeader("A".repeat(MAX + 1), MAX)).toEqual({ ok: false, status: 431, reason: "x_payment_header_too_large" });
  });

  it.each([
    ["not base64", "not base64 at all!"],
    ["base64 of something that is not JSON", Buffer.from("{nope").toString("base64")],
    ["JSON that is not an object", encode("exact")],
    ["a payload without `payload`", encode({ x402Version: 1, scheme: "exact", network: "base-sepolia" })],
    ["a payload with an empty scheme", encode(v1Payload({ scheme: "" }))],
    ["JSON null", encode(null)],
  ])("refuses %s (400)", (_, header) => {
    expect(decodeV1PaymentHeader(header, MAX)).toEqual({ ok: false, status: 400, reason: "invalid_x_payment_header" });
  });

  it("refuses another protocol version, v2 included, with its own reason (400)", () => {
    const v2 = { x402Version: 2, accepted: requirement("eip155:84532"), payload: {} };
    expect(decodeV1PaymentHeader(encodePaymentSignatureHeader(v2), MAX)).toEqual({ ok: false, status: 400, reason: "invalid_x402_version" });
    expect(decodeV1PaymentHeader(encode({ ...v1Payload(), x402Version: 3 }), MAX)).toMatchObject({ reason: "invalid_x402_version" });
  });
});

describe("toV2Payment", () => {
  it("accepts the current requirement on the payload's network, for the current resource, with the payload unchanged", () => {
    const payload = v1Payload();
    expect(toV2Payment(payload, baseSepolia)).toEqual({
      ok: true,
      payload: { x402Version: 2, resource: baseSepolia.resource, accepted: baseSepolia.accepts[0], payload: payload.payload },
    });
  });

  it("picks the requirement for the payload's network among several", () => {
    const terms = required(requirement("eip155:8453"), requirement("eip155:84532"));
    const translated = toV2Payment(v1Payload(), terms);
    expect(translated.ok && translated.payload.accepted.network).toBe("eip155:84532");
  });

  it.each([
    ["another network", v1Payload({ network: "base" }), "invalid_network"],
    ["a network v1 doesn't know", v1Payload({ network: "eip155:84532" }), "invalid_network"],
    ["another scheme", v1Payload({ scheme: "upto" }), "unsupported_scheme"],
  ])("refuses a payment for %s with 402", (_, payload, reason) => {
    expect(toV2Payment(payload, baseSepolia)).toEqual({ ok: false, status: 402, reason });
  });

  it("refuses every v1 payment when the terms are on a network without a v1 name (the local chain)", () => {
    expect(toV2Payment(v1Payload(), required(requirement("eip155:31337")))).toEqual({ ok: false, status: 402, reason: "x402_v1_unavailable" });
  });

  it("carries a v1 client's signature over as a valid v2 authorization for the same chain", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const [accept] = toV1Accepts(baseSepolia) ?? [];
    const created = await new ExactEvmSchemeV1(account).createPaymentPayload(1, accept as unknown as PaymentRequirements);
    const decoded = decodeV1PaymentHeader(encode(created), MAX);
    if (!decoded.ok) throw new Error(decoded.reason);

    const translated = toV2Payment(decoded.payload, baseSepolia);
    if (!translated.ok) throw new Error(translated.reason);

    const { accepted, payload } = translated.payload;
    const { authorization, signature } = payload as { authorization: Record<string, string>; signature: Hex };
    expect(authorization).toMatchObject({ from: account.address, to: getAddress(accepted.payTo), value: accepted.amount });
    const valid = await verifyTypedData({
      address: account.address,
      domain: { name: "USDC", version: "2", chainId: Number(accepted.network.split(":")[1]), verifyingContract: getAddress(accepted.asset) },
      types: transferWithAuthorizationTypes,
      primaryType: "TransferWithAuthorization",
      message: {
        from: getAddress(authorization.from!),
        to: getAddress(authorization.to!),
        value: BigInt(authorization.value!),
        validAfter: BigInt(authorization.validAfter!),
        validBefore: BigInt(authorization.validBefore!),
        nonce: authorization.nonce as Hex,
      },
      signature,
    });
    expect(valid).toBe(true);
  });
});

describe("toV1PaymentResponseHeader", () => {
  const receipt = { success: true, transaction: `0x${"ab".repeat(32)}`, network: "eip155:84532", payer: "0x7164" } as const;

  it("is the same receipt, with the network's v1 name", () => {
    const header = toV1PaymentResponseHeader(encodePaymentResponseHeader(receipt));
    expect(decodePaymentResponseHeader(header)).toEqual({ ...receipt, network: "base-sepolia" });
  });

  it("keeps the receipt as it is on a network without a v1 name", () => {
    const local = encodePaymentResponseHeader({ ...receipt, network: "eip155:31337" });
    expect(toV1PaymentResponseHeader(local)).toBe(local);
  });
});
