import type { NextConfig } from "next";
import { JSON_ROUTE_HEADERS } from "./lib/server/security-headers";

const asHeaders = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const config: NextConfig = {
  poweredByHeader: false,
  // PGlite ships wasm and data files: load it from node_modules instead of bundling it.
  // rate-limiter-flexible imports drizzle-orm by a computed name, which a bundler cannot follow.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible"],
  outputFileTracingRoot: import.meta.dirname,
  turbopack: { root: import.meta.dirname },
  // Pages get their security headers (and a per-request CSP nonce) from proxy.ts; these are the
  // routes it does not match. Static, so the build needs no configuration.
  async headers() {
    return [
      { source: "/api/:path*", headers: asHeaders(JSON_ROUTE_HEADERS) },
      { source: "/.well-known/:path*", headers: asHeaders(JSON_ROUTE_HEADERS) },
      { source: "/_next/static/:path*", headers: asHeaders({ "X-Content-Type-Options": "nosniff" }) },
      { source: "/_next/image", headers: asHeaders({ "X-Content-Type-Options": "nosniff" }) },
    ];
  },
};

export default config;
