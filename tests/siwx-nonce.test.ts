/** A signed SIGN-IN-WITH-X challenge opens a resource once, even when it is sent many times at once. */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createPayingFetch } from "@/lib/x402/client/pay";
import { env } from "@/lib/env";
import { createSignInFetch } from "@/lib/x402/client/sign-in";
import { ledgerSiwxStorage } from "@/lib/x402/siwx";
import { proxy } from "@/proxy";
import { resetDatabase } from "./support/db";
import { ORIGIN, payer } from "./support/x402";

const ARTICLE = "/articles/paying-without-an-account";
const CONCURRENT = 8;
const viaProxy: typeof fetch = async (input, init) => proxy(new NextRequest(new Request(input, init)));
const granted = (response: Response) => response.headers.get("x-middleware-next") === "1" || response.status === 200;

beforeAll(async () => {
  await resetDatabase();
});

describe("a SIWX nonce", () => {
  it("is claimed by one of many concurrent checks", async () => {
    const nonce = `concurrent${Date.now()}`;
    const used = await Promise.all(Array.from({ length: CONCURRENT }, () => ledgerSiwxStorage.hasUsedNonce!(nonce)));
    expect(used.filter((answer) => !answer)).toHaveLength(1);
    expect(await ledgerSiwxStorage.hasUsedNonce!(nonce)).toBe(true);
  });

  it("opens a paid article once when one signed header is sent many times at once", async () => {
    const reader = payer(5);
    const paying = createPayingFetch({
      signer: reader,
      network: env.network.caip2,
      asset: env.network.usdc.address,
      maxAmountPerPayment: 1_000_000n,
      fetch: viaProxy,
    });
    expect((await paying(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "application/json" } })).status).toBe(200);

    // Sign a challenge without sending it: keep the signed request for the race.
    let signed: Request | undefined;
    const capture: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!request.headers.has("sign-in-with-x")) return viaProxy(request);
      signed = request;
      return new Response(null, { status: 204 });
    };
    const signer = { address: reader.address, signMessage: ({ message }: { message: string }) => reader.signMessage({ message }) };
    await createSignInFetch(signer, capture)(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "text/markdown" } });
    expect(signed).toBeDefined();

    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => viaProxy(signed!.clone())));
    expect(answers.filter(granted)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 402)).toHaveLength(CONCURRENT - 1);
  });
});
