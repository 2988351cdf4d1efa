/**
 * A test wallet for Chromium: an EIP-1193 provider (also announced over EIP-6963) injected with
 * `page.addInitScript`. Signing happens in Node with an anvil key through `page.exposeFunction`,
 * so the app runs its production wallet code and no key enters the page. Everything else is
 * forwarded to the e2e anvil.
 */
import type { BrowserContext } from "@playwright/test";
import { hexToString, isHex, type Hex, type TypedDataDefinition } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { RPC_URL } from "../../playwright.config";

/** anvil's default accounts (see lib/chain/accounts.ts): #1 is the admin, #5 and #6 are payers. */
export const ACCOUNTS = { admin: 1, reader: 5, outsider: 6 } as const;
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

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

export async function installTestWallet(context: BrowserContext, anvilAccount: number, options: { chainId?: number } = {}) {
  const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: anvilAccount });
  const signed: string[] = [];

  await context.exposeFunction("__testWalletRequest", async (method: string, params: unknown[]) => {
    if (method === "eth_signTypedData_v4") {
      signed.push(method);
      return account.signTypedData(fromWire(params[1] as string));
    }
    if (method === "personal_sign") {
      signed.push(method);
      const message = params[0] as Hex;
      return account.signMessage({ message: isHex(message) ? { raw: message } : hexToString(message) });
    }
    const response = await fetch(RPC_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body.result;
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
      const bridge = (window as unknown as { __testWalletRequest: (m: string, p: unknown[]) => Promise<unknown> })
        .__testWalletRequest;

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
    { address: account.address, chainId: options.chainId ?? 31337 },
  );

  return { address: account.address, signed };
}
