import { describe, expect, it } from "vitest";
import { CDP_FACILITATOR_URL, EnvError, OPERATOR_VARIABLES, parseEnv } from "./env";
import { LOCAL_DEV_AUTH_SECRET } from "./local-defaults";
import { X402_ORG_FACILITATOR_URL } from "./networks";

const PAY_TO = "0x1111111111111111111111111111111111111111";
const SECRET = "a-real-secret-that-is-at-least-32-characters";
/** What every network but local needs. */
const PRODUCTION = { PAY_TO, AUTH_SECRET: SECRET, ADMIN_ADDRESSES: PAY_TO, SITE_URL: "https://paywall.example" };
const ANVIL_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ANVIL_9 = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";
const ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const ANVIL_KEY_3 = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
/** The shape of a CDP Ed25519 secret (64 bytes, base64); not a real key. */
const ED25519_SECRET = Buffer.alloc(64, 7).toString("base64");

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
    expect(env.database).toEqual({ kind: "postgres", url: "postgres://u:p@db:5432/app", poolMax: 10, prepare: true });
    expect(env.facilitator).toEqual({ mode: "http", url: "https://facilitator.example", timeoutMs: 15_000 });
  });

  it("sizes the PostgreSQL pool for serverless or a server, and drops prepared statements behind a pooler", () => {
    const url = "postgres://u:p@db:5432/app";
    expect(parseEnv({ DATABASE_URL: url, VERCEL: "1" }).database).toMatchObject({ poolMax: 3 });
    expect(() => parseEnv({ VERCEL: "1" })).toThrow(/DATABASE_URL is required on a serverless platform/);
    expect(parseEnv({ DATABASE_URL: url, AWS_LAMBDA_FUNCTION_NAME: "f" }).database).toMatchObject({ poolMax: 3 });
    expect(parseEnv({ DATABASE_URL: url, VERCEL: "1", DATABASE_POOL_MAX: "8" }).database).toMatchObject({ poolMax: 8 });
    expect(parseEnv({ DATABASE_URL: url, DATABASE_POOLER: "transaction" }).database).toMatchObject({ prepare: false });
    expect(() => parseEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DATABASE_POOLER: "session" })).toThrow(/DATABASE_POOLER/);
  });

  it("marks an https site for Secure cookies", () => {
    expect(parseEnv({}).https).toBe(false);
    expect(parseEnv({ SITE_URL: "https://paywall.example" }).https).toBe(true);
  });

  it.each([
    ["local", "eip155:31337", 31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "USDC", undefined],
    ["base-sepolia", "eip155:84532", 84532, "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "USDC", "https://sepolia.basescan.org"],
    ["base", "eip155:8453", 8453, "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "USD Coin", "https://basescan.org"],
  ])("resolves NETWORK=%s to its chain, USDC, EIP-712 domain and explorer", (name, caip2, chainId, usdc, domainName, explorer) => {
    const env = name === "local" ? parseEnv({}) : parseEnv({ ...PRODUCTION, NETWORK: name, FACILITATOR_URL: "https://f.example" });
    expect(env.network).toMatchObject({ caip2, chainId, usdc: { address: usdc, eip712: { name: domainName, version: "2" } } });
    expect(env.network.explorerUrl).toBe(explorer);
  });

  it("keeps the site URL's origin only", () => {
    expect(parseEnv({ ...PRODUCTION, NETWORK: "base-sepolia", SITE_URL: "https://paywall.example/blog/" }).siteUrl).toBe(
      "https://paywall.example",
    );
  });

  describe("facilitator", () => {
    it("settles in-process with anvil's key in local mode", () => {
      expect(parseEnv({}).facilitator).toMatchObject({ mode: "local", rpcUrl: "http://127.0.0.1:8545" });
    });

    it("defaults to x402.org on Base Sepolia only", () => {
      expect(parseEnv({ ...PRODUCTION, NETWORK: "base-sepolia" }).facilitator).toEqual({
        mode: "http",
        url: X402_ORG_FACILITATOR_URL,
        timeoutMs: 15_000,
      });
      expect(() => parseEnv({ ...PRODUCTION, NETWORK: "base" })).toThrow(
        /NETWORK=base needs CDP_API_KEY_ID and CDP_API_KEY_SECRET, FACILITATOR_URL or FACILITATOR_PRIVATE_KEY/,
      );
    });

    it("uses Coinbase's CDP facilitator with a CDP API key, at its URL unless FACILITATOR_URL says otherwise", () => {
      const keys = { CDP_API_KEY_ID: "organizations/o/apiKeys/k", CDP_API_KEY_SECRET: ED25519_SECRET };
      expect(parseEnv({ ...PRODUCTION, ...keys, NETWORK: "base", FACILITATOR_TIMEOUT_MS: "5000" }).facilitator).toEqual({
        mode: "cdp",
        url: CDP_FACILITATOR_URL,
        apiKeyId: "organizations/o/apiKeys/k",
        apiKeySecret: ED25519_SECRET,
        timeoutMs: 5_000,
      });
      expect(parseEnv({ ...keys, FACILITATOR_URL: "http://127.0.0.1:4020/" }).facilitator).toMatchObject({
        mode: "cdp",
        url: "http://127.0.0.1:4020",
      });
    });

    it("accepts a PEM secret written on one line with \\n", () => {
      const pem = "-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\\n-----END PRIVATE KEY-----";
      const env = parseEnv({ CDP_API_KEY_ID: "k", CDP_API_KEY_SECRET: pem });
      expect(env.facilitator).toMatchObject({ apiKeySecret: pem.replaceAll("\\n", "\n") });
    });

    it("settles with its own key on a real network when given FACILITATOR_PRIVATE_KEY", () => {
      const key = `0x${"1".repeat(64)}`;
      const env = parseEnv({ ...PRODUCTION, NETWORK: "base", FACILITATOR_PRIVATE_KEY: key, RPC_URL: "https://rpc.example" });
      expect(env.facilitator).toEqual({ mode: "local", privateKey: key, rpcUrl: "https://rpc.example", timeoutMs: 15_000 });
    });

    it.each([
      [{ CDP_API_KEY_ID: "k" }, /CDP_API_KEY_ID and CDP_API_KEY_SECRET go together/],
      [{ CDP_API_KEY_SECRET: ED25519_SECRET }, /CDP_API_KEY_ID and CDP_API_KEY_SECRET go together/],
      [{ CDP_API_KEY_ID: "k", CDP_API_KEY_SECRET: "hunter2" }, /CDP_API_KEY_SECRET must be a CDP API key secret/],
      [{ CDP_API_KEY_ID: "k", CDP_API_KEY_SECRET: ED25519_SECRET, FACILITATOR_PRIVATE_KEY: `0x${"1".repeat(64)}` }, /not both/],
      [
        { FACILITATOR_URL: "https://f.example", FACILITATOR_PRIVATE_KEY: `0x${"1".repeat(64)}` },
        /FACILITATOR_URL or FACILITATOR_PRIVATE_KEY, not both/,
      ],
    ])("refuses an ambiguous or incomplete facilitator: %j", (source, message) => {
      expect(() => parseEnv(source)).toThrow(message);
    });
  });

  it("serves the bench routes only when asked, and only on the local chain", () => {
    expect(parseEnv({}).benchRoutes).toBe(false);
    expect(parseEnv({ BENCH_ROUTES: "1" }).benchRoutes).toBe(true);
    expect(parseEnv({ BENCH_ROUTES: "true" }).benchRoutes).toBe(true);
    expect(parseEnv({ BENCH_ROUTES: "false" }).benchRoutes).toBe(false);
    expect(() => parseEnv({ BENCH_ROUTES: "yes" })).toThrow(/BENCH_ROUTES must be true, false, 1 or 0/);
    for (const network of ["base-sepolia", "base"]) {
      const source = { ...PRODUCTION, NETWORK: network, FACILITATOR_URL: "https://f.example", BENCH_ROUTES: "true" };
      expect(() => parseEnv(source)).toThrow(EnvError);
      expect(() => parseEnv(source)).toThrow(new RegExp(`NETWORK=${network}: BENCH_ROUTES .* local chain only`));
      expect(parseEnv({ ...source, BENCH_ROUTES: "false" }).benchRoutes).toBe(false);
    }
  });

  it("offers WalletConnect only with a well-formed project id", () => {
    expect(parseEnv({}).walletConnectProjectId).toBeUndefined();
    expect(parseEnv({ WALLETCONNECT_PROJECT_ID: " 0123456789abcdef0123456789ABCDEF " }).walletConnectProjectId).toBe(
      "0123456789abcdef0123456789ABCDEF",
    );
    expect(() => parseEnv({ WALLETCONNECT_PROJECT_ID: "my-project" })).toThrow(/WALLETCONNECT_PROJECT_ID.*32-character project id/);
  });

  it("reads the client's address from X-Forwarded-For unless CLIENT_IP_HEADER names another header", () => {
    expect(parseEnv({}).clientIpHeader).toBe("x-forwarded-for");
    expect(parseEnv({ CLIENT_IP_HEADER: " CF-Connecting-IP " }).clientIpHeader).toBe("cf-connecting-ip");
    expect(() => parseEnv({ CLIENT_IP_HEADER: "x-real-ip: 1.2.3.4" })).toThrow(/CLIENT_IP_HEADER.*header name/);
  });

  it("names every missing variable outside local mode", () => {
    expect(() => parseEnv({ NETWORK: "base-sepolia" })).toThrow(
      /NETWORK=base-sepolia needs PAY_TO, AUTH_SECRET, ADMIN_ADDRESSES, SITE_URL \(only local mode has defaults\)/,
    );
  });

  describe("outside local mode, anything public from the local setup is refused", () => {
    it.each([
      [{ AUTH_SECRET: LOCAL_DEV_AUTH_SECRET }, /NETWORK=base-sepolia: AUTH_SECRET is the public local development secret/],
      [{ PAY_TO: ANVIL_9 }, /NETWORK=base-sepolia: PAY_TO is anvil's public test account #9/],
      [{ ADMIN_ADDRESSES: `${PAY_TO},${ANVIL_1}` }, /NETWORK=base-sepolia: ADMIN_ADDRESSES includes anvil's public test account #1/],
      [{ FACILITATOR_PRIVATE_KEY: ANVIL_KEY_0 }, /NETWORK=base-sepolia: FACILITATOR_PRIVATE_KEY is anvil's public key #0/],
      [{ FACILITATOR_PRIVATE_KEY: ANVIL_KEY_3 }, /FACILITATOR_PRIVATE_KEY is anvil's public key #3/],
    ])("%j", (override, message) => {
      expect(() => parseEnv({ ...PRODUCTION, NETWORK: "base-sepolia", ...override })).toThrow(message);
    });
  });

  describe("on Base mainnet", () => {
    const MAINNET = { ...PRODUCTION, NETWORK: "base", FACILITATOR_URL: "https://facilitator.example" };

    it("starts with a complete configuration", () => {
      expect(parseEnv(MAINNET)).toMatchObject({ network: { name: "base" }, https: true, rpcUrl: "https://mainnet.base.org" });
    });

    it.each([
      [{ PAY_TO: undefined }, /NETWORK=base needs PAY_TO/],
      [{ AUTH_SECRET: LOCAL_DEV_AUTH_SECRET }, /AUTH_SECRET is the public local development secret/],
      [{ ADMIN_ADDRESSES: ANVIL_1 }, /ADMIN_ADDRESSES includes anvil's public test account #1 \(the dev wallet's key is public\)/],
      [{ RPC_URL: "http://127.0.0.1:8545" }, /NETWORK=base: RPC_URL \(http:\/\/127.0.0.1:8545\) is a chain on this machine/],
      [{ RPC_URL: "http://localhost:8545" }, /RPC_URL .* is a chain on this machine/],
      [{ RPC_URL: "http://[::1]:8545" }, /RPC_URL .* is a chain on this machine/],
      [{ SITE_URL: "http://paywall.example" }, /NETWORK=base: SITE_URL \(http:\/\/paywall.example\) must be https/],
      [{ FACILITATOR_URL: "http://facilitator.example" }, /NETWORK=base: FACILITATOR_URL \(http:\/\/facilitator.example\) must be https/],
      [{ FACILITATOR_URL: "https://x402.org/facilitator" }, /NETWORK=base: x402.org's public facilitator settles on testnets only/],
    ])("refuses %j, saying which setting", (override, message) => {
      expect(() => parseEnv({ ...MAINNET, ...override })).toThrow(EnvError);
      expect(() => parseEnv({ ...MAINNET, ...override })).toThrow(message);
    });
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

describe(".env.example", () => {
  it("lists every variable lib/env.ts reads, and nothing else", async () => {
    const { readFile } = await import("node:fs/promises");
    const example = await readFile(new URL("../.env.example", import.meta.url), "utf8");
    const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...OPERATOR_VARIABLES].sort());
  });

  it("parses as it stands: its values are local mode's defaults", async () => {
    const { readFile } = await import("node:fs/promises");
    const example = await readFile(new URL("../.env.example", import.meta.url), "utf8");
    const values = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    expect(parseEnv(values)).toEqual(parseEnv({}));
  });
});
