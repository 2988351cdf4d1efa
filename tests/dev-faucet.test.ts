/**
 * The dev faucet (local mode only) mints test USDC for the pay panel's "Get test USDC" button, and
 * for no one else: a page of another site cannot make a developer's browser call it.
 */
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/dev/faucet/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import { env } from "@/lib/env";
import { ORIGIN } from "./support/x402";

const faucet = (body: string, headers: Record<string, string>) =>
  POST(new Request(`${ORIGIN}/api/dev/faucet`, { method: "POST", headers, body }));

describe("the dev faucet", () => {
  it("mints 10 USDC to a fresh wallet asking in JSON", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey()).address;
    const response = await faucet(JSON.stringify({ address: wallet }), { "Content-Type": "application/json" });
    expect(response.status).toBe(200);
    expect(await usdcBalanceOf(env.rpcUrl, wallet)).toBe(10_000_000n);
  });

  it.each([
    ["text/plain (what a cross-site fetch sends without a preflight)", "text/plain;charset=UTF-8"],
    ["a form", "application/x-www-form-urlencoded"],
  ])("refuses %s with 415 and mints nothing", async (_name, type) => {
    const wallet = privateKeyToAccount(generatePrivateKey()).address;
    const response = await faucet(JSON.stringify({ address: wallet }), { "Content-Type": type });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: "unsupported_media_type" });
    expect(await usdcBalanceOf(env.rpcUrl, wallet)).toBe(0n);
  });

  it.each([
    ["the zero address", { address: "0x0000000000000000000000000000000000000000" }, /zero address/],
    ["no address", {}, /address is missing: send \{ address \} as JSON/],
    ["a short address", { address: "0x1234" }, /20-byte address/],
  ])("refuses %s with 400 and a reason", async (_name, body, message) => {
    const response = await faucet(JSON.stringify(body), { "Content-Type": "application/json" });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(message);
  });
});
