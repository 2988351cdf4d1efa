/**
 * A test wallet for Chromium: an EIP-1193 provider (also announced over EIP-6963) injected with
 * `page.addInitScript`. Signing happens in Node with an anvil key through `page.exposeFunction`,
 * so the app runs its production wallet code and no key enters the page. Everything else is
 * forwarded to the e2e anvil. A browser without any wallet: simply don't install this one.
 */
import { expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { hexToString, isHex, keccak256, stringToHex, type Hex, type LocalAccount, type TypedDataDefinition } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { RPC_URL } from "../../playwright.config";

/**
 * anvil's default accounts (see lib/local-defaults.ts): #1 is the admin, #2–#8 are payers (#4 is
 * the dashboard spec's agent). Each spec pays with its own accounts, so no spec depends on another.
 */
export const ACCOUNTS = { admin: 1, passBuyer: 2, payer: 3, reader: 5, outsider: 6, secondPayer: 7, returningReader: 8 } as const;
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
/** A reader who starts with no USDC: a fixed key derived from a phrase, so not one of anvil's funded ten. */
export const UNFUNDED = "unfunded";
const UNFUNDED_KEY = keccak256(stringToHex("x402-paywall e2e: a reader who holds no USDC"));

/** A new private key of the spec's own, holding test USDC from the dev faucet. */
export async function fundedKey(request: APIRequestContext): Promise<Hex> {
  const key = generatePrivateKey();
  const minted = await request.post("/api/dev/faucet", { data: { address: privateKeyToAccount(key).address } });
  expect(minted.ok()).toBe(true);
  return key;
}

export interface TestWalletOptions {
  /** The chain the wallet starts on (default: the e2e anvil's 31337); it switches when asked to. */
  chainId?: number;
  /** Runs in Node before each typed-data signature, e.g. to hold the wallet while the page is looked at. */
  beforeSign?: () => Promise<void>;
}

/** What the page receives for a request the wallet refuses: an EIP-1193 error. */
interface WalletError {
  code: number;
  message: string;
}

const walletError = (code: number, message: string) => Object.assign(new Error(message), { code });

interface WireTypedData {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

/** Wallets send typed data as JSON: uints as decimal strings and `EIP712Domain` in `types`. */
function fromWire(json: string): TypedDataDefinition {
  const { domain, types, primaryType, message } = JSON.parse(json) as WireTypedData;
  const { EIP712Domain: _domain, ...rest } = types;
  const fields = rest[primaryType] ?? [];
  const typedMessage = Object.fromEntries(
    Object.entries(message).map(([key, value]) => {
      const type = fields.find((field) => field.name === key)?.type ?? "";
      return [key, /^u?int\d*$/.test(type) ? BigInt(value as string) : value];
    }),
  );
  return { domain, types: rest, primaryType, message: typedMessage } as unknown as TypedDataDefinition;
}

/**
 * Installs the wallet in every page of `context`, holding anvil account `account` (an index), the
 * UNFUNDED key, or a private key of the spec's own (funded with the dev faucet). `signed` lists the signatures it made; `rejectNextSignature()` makes it
 * decline the next typed-data signature the way a person clicking "Reject" does (EIP-1193 4001).
 */
export async function installTestWallet(
  context: BrowserContext,
  account: number | typeof UNFUNDED | Hex,
  options: TestWalletOptions = {},
) {
  const signer: LocalAccount =
    account === UNFUNDED
      ? privateKeyToAccount(UNFUNDED_KEY)
      : typeof account === "string"
        ? privateKeyToAccount(account)
        : mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: account });
  const signed: string[] = [];
  let rejectNext = false;

  async function handle(method: string, params: unknown[]): Promise<unknown> {
    if (method === "eth_signTypedData_v4") {
      await options.beforeSign?.();
      if (rejectNext) {
        rejectNext = false;
        throw walletError(4001, "User rejected the request.");
      }
      signed.push(method);
      return signer.signTypedData(fromWire(params[1] as string));
    }
    if (method === "personal_sign") {
      signed.push(method);
      const message = params[0] as Hex;
      return signer.signMessage({ message: isHex(message) ? { raw: message } : hexToString(message) });
    }
    const response = await fetch(RPC_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: unknown; error?: WalletError };
    if (body.error) throw walletError(body.error.code, body.error.message);
    return body.result;
  }

  // Errors thrown across exposeFunction lose everything but their message, so they travel as values.
  await context.exposeFunction("__testWalletRequest", async (method: string, params: unknown[]) => {
    try {
      return { result: await handle(method, params) };
    } catch (error) {
      const { code = -32603, message = String(error) } = error as Partial<WalletError>;
      return { error: { code, message } };
    }
  });

  await context.addInitScript(
    ({ address, chainId }) => {
      type Listener = (...args: unknown[]) => void;
      const listeners = new Map<string, Set<Listener>>();
      let currentChainId = chainId;
      // Like a real wallet: accounts are exposed only after the site asked, remembered per origin.
      const PERMISSION_KEY = "test-wallet:connected";
      const permitted = () => localStorage.getItem(PERMISSION_KEY) === "yes";
      const emit = (event: string, value: unknown) => listeners.get(event)?.forEach((listener) => listener(value));
      type Answer = { result?: unknown; error?: { code: number; message: string } };
      const bridge = async (method: string, params: unknown[]) => {
        const { result, error } = await (
          window as unknown as { __testWalletRequest: (m: string, p: unknown[]) => Promise<Answer> }
        ).__testWalletRequest(method, params);
        if (error) throw Object.assign(new Error(error.message), { code: error.code });
        return result;
      };

      const provider = {
        isTestWallet: true,
        async request({ method, params = [] }: { method: string; params?: unknown[] }) {
          switch (method) {
            case "eth_requestAccounts":
            case "wallet_requestPermissions":
              localStorage.setItem(PERMISSION_KEY, "yes");
              return method === "eth_requestAccounts" ? [address] : [{ parentCapability: "eth_accounts" }];
            case "eth_accounts":
              return permitted() ? [address] : [];
            case "eth_chainId":
              return `0x${currentChainId.toString(16)}`;
            case "net_version":
              return String(currentChainId);
            case "wallet_getPermissions":
              return permitted() ? [{ parentCapability: "eth_accounts" }] : [];
            case "wallet_revokePermissions":
              localStorage.removeItem(PERMISSION_KEY);
              return null;
            case "wallet_switchEthereumChain": {
              currentChainId = Number.parseInt((params[0] as { chainId: string }).chainId, 16);
              emit("chainChanged", `0x${currentChainId.toString(16)}`);
              return null;
            }
            default:
              return bridge(method, params);
          }
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return provider;
        },
        removeListener(event: string, listener: Listener) {
          listeners.get(event)?.delete(listener);
          return provider;
        },
      };

      (window as unknown as { ethereum: unknown }).ethereum = provider;
      const info = {
        uuid: "5c3f2f4e-4d8b-4e7a-9a4e-402402402402",
        name: "Test Wallet",
        icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/>",
        rdns: "dev.x402-paywall.test-wallet",
      };
      const announce = () =>
        window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { address: signer.address, chainId: options.chainId ?? 31337 },
  );

  return {
    address: signer.address,
    signed,
    rejectNextSignature() {
      rejectNext = true;
    },
  };
}
