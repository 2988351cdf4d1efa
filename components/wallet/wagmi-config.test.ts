import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientChain } from "@/lib/wallet/client-chain";
import { createWagmiConfig } from "./wagmi-config";

const PAY_TO = "0x1111111111111111111111111111111111111111";
const DEPLOYED = { PAY_TO, AUTH_SECRET: "a-real-secret-that-is-at-least-32-characters", ADMIN_ADDRESSES: PAY_TO, SITE_URL: "https://paywall.example" };

/** The wallets a network's config offers, by wagmi connector type (before any EIP-6963 announcement). */
const offered = (env: Record<string, string>) => createWagmiConfig(clientChain(parseEnv(env))).connectors.map((c) => c.type);

describe("createWagmiConfig", () => {
  it("offers on the local chain only what can pay there: browser wallets and the dev wallet", () => {
    expect(offered({})).toEqual(["injected", "mock"]);
  });

  it("offers Coinbase Wallet on public networks, and never the dev wallet", () => {
    expect(offered({ NETWORK: "base-sepolia", ...DEPLOYED })).toEqual(["injected", "coinbaseWallet"]);
    expect(offered({ NETWORK: "base-sepolia", ...DEPLOYED, WALLETCONNECT_PROJECT_ID: "0123456789abcdef".repeat(2) })).toEqual([
      "injected",
      "coinbaseWallet",
      "walletConnect",
    ]);
  });
});
