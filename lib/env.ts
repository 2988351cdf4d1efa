/**
 * The one validated configuration of the app. Nothing else reads `process.env`.
 *
 * Local mode (the default) needs no variables at all: anvil, the in-process facilitator, PGlite
 * and the well-known anvil accounts fill every gap. Other networks must be configured explicitly.
 */
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { anvilAddress, DEV_WALLET_ACCOUNT, FACILITATOR_ACCOUNT, PAY_TO_ACCOUNT } from "./chain/accounts";
import { anvilKey } from "./chain/keys";
import { NETWORKS, type NetworkConfig, type NetworkName } from "./networks";
import { site } from "./site";

/** Where `npm run dev` serves the site (it passes its own port when it is another). */
const LOCAL_SITE_URL = "http://localhost:3000";
/** Used only in local mode when AUTH_SECRET is unset. Public, so never good enough elsewhere. */
export const LOCAL_DEV_AUTH_SECRET = "local-dev-secret-do-not-use-outside-anvil-0123456789";
/** anvil account #0's key: the local facilitator. Public, so refused on every other network. */
const LOCAL_FACILITATOR_KEY = anvilKey(FACILITATOR_ACCOUNT);

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const address = z
  .string()
  .trim()
  .refine((value) => isAddress(value, { strict: false }), "must be a 0x-prefixed 20-byte address")
  .transform((value) => getAddress(value));

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  NETWORK: z.preprocess(emptyToUndefined, z.enum(["local", "base-sepolia", "base"]).default("local")),
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
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/pglite")),
  SITE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  ANVIL_BIN: z.preprocess(emptyToUndefined, z.string().optional()),
  WALLETCONNECT_PROJECT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{32}$/, "must be the 32-character project id from cloud.reown.com")
      .optional(),
  ),
});

export type FacilitatorConfig =
  | { mode: "local"; privateKey: Hex; rpcUrl: string; timeoutMs: number }
  | { mode: "http"; url: string; timeoutMs: number };

export type DatabaseConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

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
  anvilBin?: string;
  /**
   * Offers WalletConnect in the pay panel when set. Public (it goes to the browser). Needs the
   * optional package `@walletconnect/ethereum-provider`, which this template does not install.
   */
  walletConnectProjectId?: string;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates a raw environment into the app's configuration. Throws `EnvError` naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const raw = parsed.data;
  const network = NETWORKS[raw.NETWORK as NetworkName];
  const local = network.name === "local";
  const rpcUrl = raw.RPC_URL ?? network.defaultRpcUrl;

  const missing: string[] = [];
  const require = <T>(value: T | undefined, name: string, localDefault?: T): T => {
    if (value !== undefined) return value;
    if (local && localDefault !== undefined) return localDefault;
    missing.push(name);
    return undefined as T;
  };

  const payTo = require(raw.PAY_TO ?? site.payTo, "PAY_TO (or payTo in lib/site.ts)", anvilAddress(PAY_TO_ACCOUNT));
  const authSecret = require(raw.AUTH_SECRET, "AUTH_SECRET", LOCAL_DEV_AUTH_SECRET);
  const adminAddresses = require(raw.ADMIN_ADDRESSES, "ADMIN_ADDRESSES", [anvilAddress(DEV_WALLET_ACCOUNT)]);
  const siteUrl = require(raw.SITE_URL, "SITE_URL", LOCAL_SITE_URL);
  const facilitator: FacilitatorConfig = raw.FACILITATOR_URL
    ? { mode: "http", url: raw.FACILITATOR_URL.replace(/\/+$/, ""), timeoutMs: raw.FACILITATOR_TIMEOUT_MS }
    : {
        mode: "local",
        privateKey: require(raw.FACILITATOR_PRIVATE_KEY, "FACILITATOR_PRIVATE_KEY or FACILITATOR_URL", LOCAL_FACILITATOR_KEY),
        rpcUrl,
        timeoutMs: raw.FACILITATOR_TIMEOUT_MS,
      };
  if (missing.length > 0) {
    throw new EnvError(`NETWORK=${network.name} needs ${missing.join(", ")} (only local mode has defaults)`);
  }
  if (!local && authSecret === LOCAL_DEV_AUTH_SECRET) {
    throw new EnvError(`NETWORK=${network.name}: AUTH_SECRET is the public local development secret; set your own`);
  }
  if (!local && facilitator.mode === "local" && facilitator.privateKey.toLowerCase() === LOCAL_FACILITATOR_KEY.toLowerCase()) {
    throw new EnvError(`NETWORK=${network.name}: FACILITATOR_PRIVATE_KEY is anvil's public key #0; use your own key`);
  }

  return {
    nodeEnv: raw.NODE_ENV,
    network,
    rpcUrl,
    facilitator,
    payTo,
    adminAddresses,
    authSecret,
    database: raw.DATABASE_URL ? { kind: "postgres", url: raw.DATABASE_URL } : { kind: "pglite", dir: raw.PGLITE_DIR },
    siteUrl: new URL(siteUrl).origin,
    anvilBin: raw.ANVIL_BIN,
    walletConnectProjectId: raw.WALLETCONNECT_PROJECT_ID,
  };
}

export const env: Env = parseEnv(process.env);
