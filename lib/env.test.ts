import { describe, expect, it } from "vitest";
import { EnvError, LOCAL_DEV_AUTH_SECRET, parseEnv } from "./env";

const PAY_TO = "0x1111111111111111111111111111111111111111";
const SECRET = "a-real-secret-that-is-at-least-32-characters";

describe("parseEnv", () => {
  it("needs nothing in local mode", () => {
    const env = parseEnv({});
    expect(env.network.caip2).toBe("eip155:31337");
    expect(env.rpcUrl).toBe("http://127.0.0.1:8545");
    expect(env.facilitator).toMatchObject({ mode: "local", rpcUrl: "http://127.0.0.1:8545" });
    expect(env.payTo).toBe("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    expect(env.adminAddresses).toEqual(["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]);
    expect(env.authSecret).toBe(LOCAL_DEV_AUTH_SECRET);
    expect(env.database).toEqual({ kind: "pglite", dir: ".data/pglite" });
    expect(env.siteUrl).toBe("http://localhost:3000");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ NETWORK: "", PAY_TO: "", DATABASE_URL: "" }).network.name).toBe("local");
  });

  it("checksums addresses and splits the admin list", () => {
    const env = parseEnv({
      PAY_TO: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
      ADMIN_ADDRESSES: " 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 , 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
    });
    expect(env.payTo).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    expect(env.adminAddresses).toEqual([
      "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    ]);
  });

  it("switches to PostgreSQL and to an HTTP facilitator by URL", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/app", FACILITATOR_URL: "https://facilitator.example/" });
    expect(env.database).toEqual({ kind: "postgres", url: "postgres://u:p@db:5432/app" });
    expect(env.facilitator).toEqual({ mode: "http", url: "https://facilitator.example", timeoutMs: 15_000 });
  });

  it("resolves Base Sepolia and Base with their USDC", () => {
    const common = {
      PAY_TO,
      AUTH_SECRET: SECRET,
      ADMIN_ADDRESSES: PAY_TO,
      FACILITATOR_URL: "https://f.example",
      SITE_URL: "https://paywall.example/",
    };
    const sepolia = parseEnv({ ...common, NETWORK: "base-sepolia" });
    expect(sepolia.siteUrl).toBe("https://paywall.example");
    expect(sepolia.network).toMatchObject({ caip2: "eip155:84532", usdc: { address: "0x036CbD53842c5426634e7929541eC2318f3dCF7e" } });
    const base = parseEnv({ ...common, NETWORK: "base" });
    expect(base.network).toMatchObject({ caip2: "eip155:8453", usdc: { eip712: { name: "USD Coin", version: "2" } } });
  });

  it("offers WalletConnect only with a well-formed project id", () => {
    expect(parseEnv({}).walletConnectProjectId).toBeUndefined();
    expect(parseEnv({ WALLETCONNECT_PROJECT_ID: " 0123456789abcdef0123456789ABCDEF " }).walletConnectProjectId).toBe(
      "0123456789abcdef0123456789ABCDEF",
    );
    expect(() => parseEnv({ WALLETCONNECT_PROJECT_ID: "my-project" })).toThrow(/WALLETCONNECT_PROJECT_ID.*32-character project id/);
  });

  it("names every missing variable outside local mode", () => {
    expect(() => parseEnv({ NETWORK: "base" })).toThrow(
      /NETWORK=base needs PAY_TO \(or payTo in lib\/site.ts\), AUTH_SECRET, ADMIN_ADDRESSES, SITE_URL, FACILITATOR_PRIVATE_KEY or FACILITATOR_URL/,
    );
  });

  it("refuses the public local secret and anvil's key outside local mode", () => {
    const common = { NETWORK: "base-sepolia", PAY_TO, ADMIN_ADDRESSES: PAY_TO, SITE_URL: "https://paywall.example" };
    expect(() => parseEnv({ ...common, AUTH_SECRET: LOCAL_DEV_AUTH_SECRET, FACILITATOR_URL: "https://f.example" })).toThrow(
      /AUTH_SECRET is the public local development secret/,
    );
    expect(() =>
      parseEnv({
        ...common,
        AUTH_SECRET: SECRET,
        FACILITATOR_PRIVATE_KEY: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
      }),
    ).toThrow(/anvil's public key/);
  });

  it.each([
    [{ NETWORK: "mainnet" }, /NETWORK/],
    [{ PAY_TO: "0x123" }, /PAY_TO must be a 0x-prefixed 20-byte address/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32 characters/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ FACILITATOR_PRIVATE_KEY: "0x1234" }, /FACILITATOR_PRIVATE_KEY/],
    [{ FACILITATOR_TIMEOUT_MS: "-5" }, /FACILITATOR_TIMEOUT_MS/],
    [{ RPC_URL: "not a url" }, /RPC_URL/],
  ])("rejects %j with a message naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });
});
