/**
 * Infrastructure faults against the production build, where Next gives proxy.ts (pages) and the
 * route handlers (APIs) each their own copy of the x402 packages: both must answer a fault the
 * same documented way. The site reaches its chain through a relay these tests cut.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setRelayFault } from "../support/rpc-relay";
import { newFundedPayers, RELAY, signedPayment, SITE, usdcOf, PAY_TO } from "./support/site";

const API = `${SITE}/api/insights`;
const ARTICLE = `${SITE}/articles/paying-without-an-account`;
const JSON_ACCEPT = "application/json";

const send = (url: string, header: string) => fetch(url, { headers: { Accept: JSON_ACCEPT, "PAYMENT-SIGNATURE": header } });

afterEach(() => setRelayFault(RELAY, null));

describe("the site's chain unreachable", () => {
  it("answers 502 facilitator_unavailable on a page and on an API route alike, nothing served", async () => {
    const [account] = await newFundedPayers(1, 1_000_000n);
    const apiPayment = await signedPayment(API, account!);
    const pagePayment = await signedPayment(ARTICLE, account!, JSON_ACCEPT);

    await setRelayFault(RELAY, "down");
    for (const response of [await send(API, apiPayment), await send(ARTICLE, pagePayment)]) {
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body).toMatchObject({ error: "facilitator_unavailable" });
      expect(body).not.toHaveProperty("insight");
      expect(body).not.toHaveProperty("body");
    }
  });
});

describe("the settlement's receipt lost", () => {
  it("answers 502 settlement_unconfirmed with Retry-After on a page and an API (never 402); the same payments then deliver, charged once", async () => {
    const [account] = await newFundedPayers(1, 1_000_000n);
    const apiPayment = await signedPayment(API, account!);
    const pagePayment = await signedPayment(ARTICLE, account!, JSON_ACCEPT);
    const [payerBefore, payToBefore] = await Promise.all([usdcOf(account!.address), usdcOf(PAY_TO)]);

    await setRelayFault(RELAY, "drop-receipts");
    for (const response of [await send(API, apiPayment), await send(ARTICLE, pagePayment)]) {
      expect(response.status).toBe(502);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await response.json()).toMatchObject({ error: "settlement_unconfirmed" });
    }
    const charged = payerBefore - (await usdcOf(account!.address));
    expect(charged).toBeGreaterThan(0n);

    await setRelayFault(RELAY, null);
    const api = await send(API, apiPayment);
    expect(api.status).toBe(200);
    expect((await api.json()).insight).toEqual(expect.any(String));
    const page = await send(ARTICLE, pagePayment);
    expect(page.status).toBe(200);
    expect((await page.json()).body).toEqual(expect.any(String));
    expect(await usdcOf(account!.address)).toBe(payerBefore - charged);
    expect(await usdcOf(PAY_TO)).toBe(payToBefore + charged);
  });
});
