/**
 * The site's security headers, built from plain inputs (no Next, no env) so they can be tested and
 * reused: `proxy.ts` sends the page set with a Content-Security-Policy carrying a fresh nonce per
 * request, `next.config.ts` sends the JSON set on the routes the proxy does not see.
 */

export interface PagePolicy {
  /** `next dev`: React needs `eval` for its error overlay, and the HMR websocket must connect. */
  development: boolean;
  /** The site is served over HTTPS: upgrade every subresource to HTTPS and tell browsers to stay. */
  https: boolean;
  /** The site's origin; in development also where the HMR websocket lives. */
  siteUrl: string;
  /** The RPC the browser reads the chain through (balances, the dev wallet): `clientChain(env).rpcUrl`. */
  rpcUrl: string;
  /** WalletConnect is offered (WALLETCONNECT_PROJECT_ID is set). */
  walletConnect: boolean;
}

/**
 * What @coinbase/wallet-sdk 4.4 fetches from the page: rpc.wallet.coinbase.com (and the Coinbase
 * RPCs its smart wallet names), and the WalletLink relay (HTTP and websocket) when the reader picks
 * the Coinbase Wallet app. The smart wallet itself runs in a popup (keys.coinbase.com), which CSP
 * does not govern, and no iframe: nothing for frame-src.
 */
const COINBASE_CONNECT = ["https://*.coinbase.com", "https://www.walletlink.org", "wss://www.walletlink.org"];

/**
 * What @walletconnect/ethereum-provider 2.x and its QR modal (@reown/appkit, email and social
 * login off) load: the relay, Reown's RPC, the Verify API (fetch plus a hidden iframe), telemetry,
 * the modal's wallet list and its fonts. Wallet logos are images (img-src allows any https).
 */
const WALLETCONNECT = {
  connect: [
    "wss://relay.walletconnect.org",
    "https://rpc.walletconnect.org",
    "https://verify.walletconnect.org",
    "https://pulse.walletconnect.org",
    "https://api.web3modal.org",
  ],
  frame: ["https://verify.walletconnect.org"],
  font: ["https://fonts.reown.com"],
};

/** 16 random bytes, base64: unguessable, and new for every response. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce (Next puts it on
 * its own scripts when it finds it in the request's CSP header); 'strict-dynamic' lets those load
 * the chunks they import, such as the wallet code fetched when a reader starts paying.
 */
export function contentSecurityPolicy(policy: PagePolicy, nonce: string): string {
  const { development, https, siteUrl, rpcUrl, walletConnect } = policy;
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // No nonce here: browsers ignore 'unsafe-inline' next to one, and React, the wallet SDKs and
    // the layout's accent colour all set inline styles.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Article covers and a site logo may live on any host; EIP-6963 wallet icons are data: URIs.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:", ...(walletConnect ? WALLETCONNECT.font : [])],
    "connect-src": [
      "'self'",
      new URL(rpcUrl).origin,
      ...COINBASE_CONNECT,
      ...(walletConnect ? WALLETCONNECT.connect : []),
      ...(development ? [new URL(siteUrl).origin.replace(/^http/, "ws")] : []),
    ],
    ...(walletConnect ? { "frame-src": ["'self'", ...WALLETCONNECT.frame] } : {}),
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

const BASELINE = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

/**
 * Every page's headers except the CSP (which changes per response). The Coinbase smart wallet's
 * popup answers its opener with postMessage, which `same-origin` would cut off.
 */
export function pageSecurityHeaders(policy: Pick<PagePolicy, "https">): Record<string, string> {
  return {
    ...BASELINE,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    ...(policy.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Routes that answer JSON (APIs, /.well-known): nothing in them may load, run or be framed. */
export const JSON_ROUTE_HEADERS: Record<string, string> = {
  ...BASELINE,
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};
