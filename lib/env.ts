/**
 * The one validated configuration of the app. Nothing else reads `process.env`.
 *
 * Local mode (the default) needs no variables at all: anvil, the in-process facilitator, PGlite
 * and the well-known anvil accounts fill every gap. Other networks must be configured explicitly.
 */
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import {
  ANVIL_ACCOUNTS,
  anvilAccountOfKey,
  anvilAddress,
  anvilKey,
  DEV_WALLET_ACCOUNT,
  FACILITATOR_ACCOUNT,
  LOCAL_DEV_AUTH_SECRET,
  LOCAL_SITE_URL,
  PAY_TO_ACCOUNT,
} from "./local-defaults";
import { NETWORKS, X402_ORG_FACILITATOR_URL, type NetworkConfig, type NetworkTable } from "./networks";

/** Coinbase's CDP facilitator (mainnet and Base Sepolia), authenticated with a CDP API key. */
export const CDP_FACILITATOR_URL = "https://api.cdp.coinbase.com/platform/v2/x402";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const address = z
  .string()
  .trim()
  .refine((value) => isAddress(value, { strict: false }), "must be a 0x-prefixed 20-byte address")
  .transform((value) => getAddress(value));

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

/** The environment's shape; NETWORK may name any entry of the networks table. */
const schemaFor = (networks: NetworkTable) => z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  NETWORK: z.preprocess(emptyToUndefined, z.enum(Object.keys(networks) as [string, ...string[]]).default("local")),
  RPC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  FACILITATOR_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  FACILITATOR_PRIVATE_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex key")
      .transform((value) => value as Hex)
      .optional(),
  ),
  FACILITATOR_TIMEOUT_MS: positiveInt(15_000),
  CDP_API_KEY_ID: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  CDP_API_KEY_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      // One-line env files carry a PEM's line breaks as "\n".
      .transform((value) => value.replaceAll("\\n", "\n"))
      .refine(
        (value) => value.includes("-----BEGIN PRIVATE KEY-----") || /^[A-Za-z0-9+/]{86}==$/.test(value),
        "must be a CDP API key secret: a base64 Ed25519 key, or an EC key as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)",
      )
      .optional(),
  ),
  PAY_TO: z.preprocess(emptyToUndefined, address.optional()),
  ADMIN_ADDRESSES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(address))
      .optional(),
  ),
  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  ),
  DATABASE_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).optional()),
  DATABASE_POOLER: z.preprocess(emptyToUndefined, z.enum(["none", "transaction"]).default("none")),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/pglite")),
  SITE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  ANVIL_BIN: z.preprocess(emptyToUndefined, z.string().optional()),
  BENCH_ROUTES: z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0"], "must be true, false, 1 or 0")
      .transform((value) => value === "true" || value === "1")
      .default(false),
  ),
  CLIENT_IP_HEADER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]+$/, "must be a header name, such as x-forwarded-for or cf-connecting-ip")
      .default("x-forwarded-for"),
  ),
  // Set by serverless platforms; only read to size the connection pool.
  VERCEL: z.string().optional(),
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  NETLIFY: z.string().optional(),
  WALLETCONNECT_PROJECT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{32}$/, "must be the 32-character project id from cloud.reown.com")
      .optional(),
  ),
});

/** Set by the runtime or the hosting platform, not by whoever deploys: left out of .env.example. */
const PLATFORM_VARIABLES = new Set(["NODE_ENV", "VERCEL", "AWS_LAMBDA_FUNCTION_NAME", "NETLIFY"]);

/** Every variable this module reads that an operator sets (.env.example lists each one). */
export const OPERATOR_VARIABLES: readonly string[] = Object.keys(schemaFor(NETWORKS).shape).filter((name) => !PLATFORM_VARIABLES.has(name));

/**
 * Who verifies and settles: this server with its own key ("local", self-settling), a facilitator
 * over HTTP by URL ("http"), or Coinbase's CDP facilitator with an API key ("cdp").
 */
export type FacilitatorConfig =
  | { mode: "local"; privateKey: Hex; rpcUrl: string; timeoutMs: number }
  | { mode: "http"; url: string; timeoutMs: number }
  | { mode: "cdp"; url: string; apiKeyId: string; apiKeySecret: string; timeoutMs: number };

export type DatabaseConfig =
  | {
      kind: "postgres";
      url: string;
      /** Connections this process may open: a few per serverless instance, more for a long-lived server. */
      poolMax: number;
      /** Behind a transaction-mode pooler (PgBouncer, Supavisor): no prepared statements. */
      prepare: boolean;
    }
  | { kind: "pglite"; dir: string };

export interface Env {
  nodeEnv: "development" | "production" | "test";
  network: NetworkConfig;
  rpcUrl: string;
  facilitator: FacilitatorConfig;
  payTo: Address;
  adminAddresses: Address[];
  authSecret: string;
  database: DatabaseConfig;
  /**
   * The site's public origin (no trailing slash): resource URLs in every 402, and the domain that
   * sign-in messages must name. Never taken from a request's Host header.
   */
  siteUrl: string;
  /** The site is served over HTTPS: cookies are `Secure` and browsers are told to stay on HTTPS. */
  https: boolean;
  anvilBin?: string;
  /**
   * The request header whose last entry is the client's address, for per-client rate limits: one
   * that the proxy in front of the app writes (or appends to), so a client cannot choose it.
   */
  clientIpHeader: string;
  /**
   * Serves the routes under app/api/bench for `npm run bench`: a paid API's content unpaid, sold
   * with an access window, and behind stock `withX402`. Local mode only.
   */
  benchRoutes: boolean;
  /**
   * Offers WalletConnect in the pay panel when set. Public (it goes to the browser). Needs the
   * optional package `@walletconnect/ethereum-provider`, which this template does not install.
   */
  walletConnectProjectId?: string;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * Validates a raw environment into the app's configuration. Throws `EnvError` naming every bad
 * variable. `networks` is lib/networks.ts's table; tests pass one with an extra entry.
 */
export function parseEnv(source: Record<string, string | undefined>, networks: NetworkTable = NETWORKS): Env {
  const parsed = schemaFor(networks).safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const raw = parsed.data;
  const network = networks[raw.NETWORK]!;
  const { local } = network;
  const rpcUrl = raw.RPC_URL ?? network.defaultRpcUrl;

  const missing: string[] = [];
  const require = <T>(value: T | undefined, name: string, localDefault?: T): T => {
    if (value !== undefined) return value;
    if (local && localDefault !== undefined) return localDefault;
    missing.push(name);
    return undefined as T;
  };

  const payTo = require(raw.PAY_TO, "PAY_TO", anvilAddress(PAY_TO_ACCOUNT));
  const authSecret = require(raw.AUTH_SECRET, "AUTH_SECRET", LOCAL_DEV_AUTH_SECRET);
  const adminAddresses = require(raw.ADMIN_ADDRESSES, "ADMIN_ADDRESSES", [anvilAddress(DEV_WALLET_ACCOUNT)]);
  const siteUrl = require(raw.SITE_URL, "SITE_URL", LOCAL_SITE_URL);
  const facilitator = resolveFacilitator(raw, network, rpcUrl, require);
  if (missing.length > 0) {
    throw new EnvError(`NETWORK=${network.name} needs ${missing.join(", ")} (only local mode has defaults)`);
  }
  if (!local) refusePublicTestSettings(network, { authSecret, payTo, adminAddresses, facilitator });
  const serverless = Boolean(raw.VERCEL || raw.AWS_LAMBDA_FUNCTION_NAME || raw.NETLIFY);
  if (serverless && !raw.DATABASE_URL) {
    throw new EnvError("DATABASE_URL is required on a serverless platform: PGlite needs a lasting disk and a single process");
  }
  if (raw.BENCH_ROUTES && !local) {
    throw new EnvError(`NETWORK=${network.name}: BENCH_ROUTES serves a paid API's content for free; it is for npm run bench on the local chain only`);
  }
  if (!network.testnet) refuseUnsafeMainnetSettings(network, { rpcUrl, siteUrl, facilitator });

  return {
    nodeEnv: raw.NODE_ENV,
    network,
    rpcUrl,
    facilitator,
    payTo,
    adminAddresses,
    authSecret,
    database: raw.DATABASE_URL
      ? {
          kind: "postgres",
          url: raw.DATABASE_URL,
          poolMax: raw.DATABASE_POOL_MAX ?? (serverless ? 3 : 10),
          prepare: raw.DATABASE_POOLER !== "transaction",
        }
      : { kind: "pglite", dir: raw.PGLITE_DIR },
    siteUrl: new URL(siteUrl).origin,
    https: new URL(siteUrl).protocol === "https:",
    anvilBin: raw.ANVIL_BIN,
    clientIpHeader: raw.CLIENT_IP_HEADER,
    benchRoutes: raw.BENCH_ROUTES,
    walletConnectProjectId: raw.WALLETCONNECT_PROJECT_ID,
  };
}

type RawEnv = z.infer<ReturnType<typeof schemaFor>>;
type Require = <T>(value: T | undefined, name: string, localDefault?: T) => T;

/**
 * CDP keys select Coinbase's facilitator (FACILITATOR_URL may point it elsewhere, e.g. a proxy);
 * otherwise FACILITATOR_URL selects an HTTP facilitator and FACILITATOR_PRIVATE_KEY self-settling.
 * With none of them: the network's default facilitator (x402.org on Base Sepolia), anvil's key on
 * the local chain, and an error elsewhere.
 */
function resolveFacilitator(raw: RawEnv, network: NetworkConfig, rpcUrl: string, require: Require): FacilitatorConfig {
  const timeoutMs = raw.FACILITATOR_TIMEOUT_MS;
  const url = raw.FACILITATOR_URL?.replace(/\/+$/, "");
  if (raw.CDP_API_KEY_ID || raw.CDP_API_KEY_SECRET) {
    if (!raw.CDP_API_KEY_ID || !raw.CDP_API_KEY_SECRET) {
      throw new EnvError("CDP_API_KEY_ID and CDP_API_KEY_SECRET go together: set both to use the CDP facilitator");
    }
    if (raw.FACILITATOR_PRIVATE_KEY) {
      throw new EnvError("Set CDP_API_KEY_ID/CDP_API_KEY_SECRET or FACILITATOR_PRIVATE_KEY, not both: they are two ways to settle");
    }
    return { mode: "cdp", url: url ?? CDP_FACILITATOR_URL, apiKeyId: raw.CDP_API_KEY_ID, apiKeySecret: raw.CDP_API_KEY_SECRET, timeoutMs };
  }
  if (url && raw.FACILITATOR_PRIVATE_KEY) {
    throw new EnvError("Set FACILITATOR_URL or FACILITATOR_PRIVATE_KEY, not both: a remote facilitator or this server settles");
  }
  if (url) return { mode: "http", url, timeoutMs };
  if (!raw.FACILITATOR_PRIVATE_KEY && network.defaultFacilitatorUrl) {
    return { mode: "http", url: network.defaultFacilitatorUrl, timeoutMs };
  }
  const privateKey = require(
    raw.FACILITATOR_PRIVATE_KEY,
    "CDP_API_KEY_ID and CDP_API_KEY_SECRET, FACILITATOR_URL or FACILITATOR_PRIVATE_KEY",
    anvilKey(FACILITATOR_ACCOUNT),
  );
  return { mode: "local", privateKey, rpcUrl, timeoutMs };
}

/** anvil's default keys are public: on a real network anyone could use them. */
function refusePublicTestSettings(
  network: NetworkConfig,
  settings: { authSecret: string; payTo: Address; adminAddresses: Address[]; facilitator: FacilitatorConfig },
) {
  const refuse = (problem: string) => {
    throw new EnvError(`NETWORK=${network.name}: ${problem}`);
  };
  const anvilAccount = (address: Address) => ANVIL_ACCOUNTS.find((account) => account.address === address)?.index;
  if (settings.authSecret === LOCAL_DEV_AUTH_SECRET) refuse("AUTH_SECRET is the public local development secret; set your own");
  const payToIndex = anvilAccount(settings.payTo);
  if (payToIndex !== undefined) {
    refuse(`PAY_TO is anvil's public test account #${payToIndex} (anyone holds its key); use the publisher's own address`);
  }
  for (const admin of settings.adminAddresses) {
    const index = anvilAccount(admin);
    if (index !== undefined) {
      refuse(`ADMIN_ADDRESSES includes anvil's public test account #${index} (the dev wallet's key is public); list your own wallets`);
    }
  }
  const { facilitator } = settings;
  if (facilitator.mode === "local") {
    const index = anvilAccountOfKey(facilitator.privateKey);
    if (index !== undefined) refuse(`FACILITATOR_PRIVATE_KEY is anvil's public key #${index}; use your own key`);
  }
}

/** Real money: no local chain, no plain HTTP. */
function refuseUnsafeMainnetSettings(
  network: NetworkConfig,
  settings: { rpcUrl: string; siteUrl: string; facilitator: FacilitatorConfig },
) {
  const refuse = (problem: string) => {
    throw new EnvError(`NETWORK=${network.name}: ${problem}`);
  };
  const isThisMachine = (url: string) => /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\])$/.test(new URL(url).hostname);
  if (isThisMachine(settings.rpcUrl)) {
    refuse(`RPC_URL (${settings.rpcUrl}) is a chain on this machine, such as anvil; use a ${network.label} RPC`);
  }
  if (new URL(settings.siteUrl).protocol !== "https:") refuse(`SITE_URL (${settings.siteUrl}) must be https`);
  if (settings.facilitator.mode !== "local" && new URL(settings.facilitator.url).protocol !== "https:") {
    refuse(`FACILITATOR_URL (${settings.facilitator.url}) must be https`);
  }
  if (settings.facilitator.mode === "http" && new URL(settings.facilitator.url).hostname === new URL(X402_ORG_FACILITATOR_URL).hostname) {
    refuse("x402.org's public facilitator settles on testnets only; set CDP_API_KEY_ID/CDP_API_KEY_SECRET or another facilitator");
  }
}

export const env: Env = parseEnv(process.env);
