import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, JSON_ROUTE_HEADERS, pageSecurityHeaders, type PagePolicy } from "./security-headers";

const NONCE = "bm9uY2Utb2YtdGhlLXRlc3Q=";
/** `npm run start:local`: anvil, plain HTTP. */
const LOCAL: PagePolicy = {
  development: false,
  https: false,
  siteUrl: "http://localhost:3000",
  rpcUrl: "http://127.0.0.1:8545",
  walletConnect: false,
};
/** A Base deployment over HTTPS. */
const BASE: PagePolicy = {
  development: false,
  https: true,
  siteUrl: "https://paywall.example",
  rpcUrl: "https://mainnet.base.org",
  walletConnect: false,
};

/** The policy as directive → sources, to assert on each directive whatever their order. */
function directives(policy: PagePolicy, nonce = NONCE): Map<string, string[]> {
  return new Map(
    contentSecurityPolicy(policy, nonce)
      .split("; ")
      .map((directive) => {
        const [name = "", ...sources] = directive.split(" ");
        return [name, sources];
      }),
  );
}

describe("contentSecurityPolicy", () => {
  it("runs only scripts carrying this response's nonce, and what they load", () => {
    const csp = directives(LOCAL);
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
  });

  it("never lets inline script run, and keeps the nonce out of style-src so inline styles work", () => {
    for (const policy of [LOCAL, BASE, { ...LOCAL, development: true }]) {
      const csp = directives(policy);
      expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
      expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    }
  });

  it("cannot be framed", () => {
    expect(directives(LOCAL).get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives(BASE).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("shows covers from any https host and wallet icons given as data: URIs", () => {
    expect(directives(BASE).get("img-src")).toEqual(["'self'", "data:", "blob:", "https:"]);
    expect(directives(BASE).get("font-src")).toEqual(["'self'", "data:"]);
  });

  it("connects to the browser's RPC (anvil locally) and to Coinbase Wallet's endpoints", () => {
    const local = directives(LOCAL).get("connect-src");
    expect(local).toEqual(expect.arrayContaining(["'self'", "http://127.0.0.1:8545", "https://*.coinbase.com", "wss://www.walletlink.org"]));
    const base = directives(BASE).get("connect-src");
    expect(base).toContain("https://mainnet.base.org");
    expect(base).not.toContain("http://127.0.0.1:8545");
  });

  it("allows WalletConnect's relay, Verify iframe and modal fonts only when it is configured", () => {
    const without = contentSecurityPolicy(BASE, NONCE);
    expect(without).not.toMatch(/walletconnect|reown|web3modal/);
    expect(directives(BASE).has("frame-src")).toBe(false);

    const csp = directives({ ...BASE, walletConnect: true });
    expect(csp.get("connect-src")).toEqual(
      expect.arrayContaining(["wss://relay.walletconnect.org", "https://rpc.walletconnect.org", "https://api.web3modal.org"]),
    );
    expect(csp.get("frame-src")).toEqual(["'self'", "https://verify.walletconnect.org"]);
    expect(csp.get("font-src")).toContain("https://fonts.reown.com");
  });

  it("upgrades insecure requests only over HTTPS", () => {
    expect(directives(BASE).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(LOCAL).has("upgrade-insecure-requests")).toBe(false);
  });

  it("in development allows eval (React's overlay) and the HMR websocket, and not in production", () => {
    const dev = directives({ ...LOCAL, development: true });
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws://localhost:3000");
    expect(directives(LOCAL).get("script-src")).not.toContain("'unsafe-eval'");
    expect(directives(LOCAL).get("connect-src")).not.toContain("ws://localhost:3000");
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("pageSecurityHeaders", () => {
  it("sends the baseline headers and lets the Coinbase smart-wallet popup talk back", () => {
    expect(pageSecurityHeaders(LOCAL)).toEqual({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": expect.stringContaining("camera=(), microphone=(), geolocation=(), payment=()"),
      "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    });
  });

  it("pins HTTPS (HSTS) only when the site is served over HTTPS", () => {
    expect(pageSecurityHeaders(BASE)["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(pageSecurityHeaders(LOCAL)).not.toHaveProperty("Strict-Transport-Security");
  });
});

describe("JSON_ROUTE_HEADERS", () => {
  it("lets nothing load, run or frame a JSON response", () => {
    expect(JSON_ROUTE_HEADERS).toMatchObject({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
    });
  });
});
