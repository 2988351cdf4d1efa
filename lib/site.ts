/**
 * Make it yours: the one file with the site's identity and business defaults. The layout, the
 * paywall, page metadata, 402 responses and the discovery document read it.
 *
 * Deployment settings (network, keys, database, secrets) live in the environment instead: see
 * lib/env.ts and the README's configuration table.
 */
export interface SiteConfig {
  name: string;
  description: string;
  /** Path under public/ or an absolute URL; shown in the header. */
  logo: string;
  /** Buttons, links and badges (any CSS colour). */
  accentColor: string;
  /** Price suggested for a new article or resource, in USDC (a decimal string, up to 6 decimals). */
  defaultPrice: string;
  /** How long a payment unlocks an article by default, in seconds (0 = every view pays). */
  defaultAccessSeconds: number;
}

export const site: SiteConfig = {
  name: "x402 Paywall",
  description: "Articles and APIs paid per use over HTTP 402, in USDC, without accounts.",
  logo: "/logo.svg",
  accentColor: "#4f46e5",
  defaultPrice: "0.05",
  defaultAccessSeconds: 86_400,
};
