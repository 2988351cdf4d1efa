import { encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentPayload } from "@x402/core/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLOCK_SKEW_SECONDS, MAX_PAYMENT_HEADER_LENGTH, parsePaymentHeader, validityWindowProblem } from "./parsed-payment";

const PAYER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const PAY_TO = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

function payload(overrides: { authorization?: Record<string, unknown>; signature?: unknown; extensions?: Record<string, unknown> } = {}): PaymentPayload {
  return {
    x402Version: 2,
    resource: { url: "http://paywall.test/api/insights", description: "", mimeType: "application/json" },
    accepted: {
      scheme: "exact",
      network: "eip155:31337",
      asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      amount: "2000",
      payTo: PAY_TO,
      maxTimeoutSeconds: 300,
      extra: { name: "USDC", version: "2" },
    },
    payload: {
      authorization: {
        from: PAYER,
        to: PAY_TO,
        value: "2000",
        validAfter: "0",
        validBefore: "1800000000",
        nonce: `0x${"AB".repeat(32)}`,
        ...overrides.authorization,
      },
      signature: "signature" in overrides ? overrides.signature : `0x${"11".repeat(65)}`,
    },
    ...(overrides.extensions ? { extensions: overrides.extensions } : {}),
  };
}

const header = (value: PaymentPayload) => encodePaymentSignatureHeader(value);

describe("parsePaymentHeader", () => {
  it("reads an exact EIP-3009 payment into typed values: checksummed payer, bigints, lower-case nonce", () => {
    const read = parsePaymentHeader(header(payload()));
    expect(read).toMatchObject({
      ok: true,
      payment: {
        payer: PAYER,
        identifier: null,
        authorization: { value: 2000n, validAfter: 0n, validBefore: 1_800_000_000n, nonce: `0x${"ab".repeat(32)}` },
      },
    });
  });

  it("reads the client's payment-identifier, and refuses one the extension's rules refuse (a client counting on it would lose its answer)", () => {
    const withExtension = (extension: unknown) => payload({ extensions: { "payment-identifier": extension } });
    const withId = (id: unknown) => withExtension({ info: { required: false, id } });
    expect(parsePaymentHeader(header(withId("pay_0123456789abcdef0123")))).toMatchObject({ payment: { identifier: "pay_0123456789abcdef0123" } });
    // The server's declaration echoed back without an id: no key, not a bad one.
    expect(parsePaymentHeader(header(withExtension({ info: { required: false } })))).toMatchObject({ payment: { identifier: null } });
    const refused = { ok: false, status: 400, reason: "invalid_payment_identifier" };
    for (const bad of [withId("short"), withId("x".repeat(129)), withId("has spaces in it, sixteen+"), withId({ not: "a string" }), withId(12), withExtension("id"), withExtension(null)]) {
      expect(parsePaymentHeader(header(bad))).toEqual(refused);
    }
  });

  it("refuses a payload with a key that reaches a prototype, anywhere in it (invalid_payment_header)", () => {
    const json = JSON.stringify(payload({ extensions: { "payment-identifier": { info: { required: false } } } }));
    for (const tainted of [
      json.replace('"info":{', '"info":{"__proto__":{"id":"x"},'),
      json.replace('"extra":{', '"extra":{"constructor":1,'),
      json.replace('"authorization":{', '"authorization":{"prototype":[],'),
    ]) {
      expect(tainted).not.toBe(json);
      expect(parsePaymentHeader(btoa(tainted))).toEqual({ ok: false, status: 400, reason: "invalid_payment_header" });
    }
  });

  it.each([
    ["a value that is not a decimal", { authorization: { value: "0x10" } }],
    ["a validBefore past uint256", { authorization: { validBefore: (2n ** 256n).toString() } }],
    ["a negative validAfter", { authorization: { validAfter: "-1" } }],
    ["a short nonce", { authorization: { nonce: "0x1234" } }],
    ["a payer that is not an address", { authorization: { from: "0x1234" } }],
    ["no signature", { signature: undefined }],
    ["a signature of odd length", { signature: "0x123" }],
  ])("refuses %s as unsupported_payment (400)", (_name, overrides) => {
    expect(parsePaymentHeader(header(payload(overrides)))).toEqual({ ok: false, status: 400, reason: "unsupported_payment" });
  });

  it("refuses what is not a v2 payment as invalid_payment_header, and an oversized header with 431", () => {
    expect(parsePaymentHeader("not base64!")).toMatchObject({ ok: false, status: 400, reason: "invalid_payment_header" });
    expect(parsePaymentHeader(btoa("[]"))).toMatchObject({ ok: false, status: 400, reason: "invalid_payment_header" });
    expect(parsePaymentHeader("A".repeat(MAX_PAYMENT_HEADER_LENGTH + 1))).toMatchObject({ ok: false, status: 431 });
  });

  it("never throws, whatever the header (arbitrary text, base64 of arbitrary JSON, payloads with arbitrary fields)", () => {
    const anyJson = fc.jsonValue().map((value) => btoa(unescape(encodeURIComponent(JSON.stringify(value)))));
    const mutated = fc
      .record({ authorization: fc.dictionary(fc.constantFrom("from", "to", "value", "validAfter", "validBefore", "nonce"), fc.jsonValue()), signature: fc.jsonValue() })
      .map((overrides) => header(payload(overrides as never)));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), anyJson, mutated), (text) => {
        const read = parsePaymentHeader(text);
        expect(read.ok || [400, 431].includes(read.status)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("validityWindowProblem", () => {
  const now = 1_800_000_000;

  it("accepts what the official client signs: validAfter in the past, validBefore the offer's timeout ahead", () => {
    expect(validityWindowProblem({ validAfter: BigInt(now - 600), validBefore: BigInt(now + 300) }, 300, now)).toBeUndefined();
  });

  it("bounds time by the server's clock: never longer than the timeout plus skew, never starting in the future", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (validAfter, validBefore) => {
        const problem = validityWindowProblem({ validAfter, validBefore }, 300, now);
        const startsLate = validAfter > BigInt(now + CLOCK_SKEW_SECONDS);
        const lastsLong = validBefore > BigInt(now + 300 + CLOCK_SKEW_SECONDS);
        expect(problem).toBe(startsLate ? "authorization_not_yet_valid" : lastsLong ? "authorization_valid_too_long" : undefined);
      }),
    );
  });
});
