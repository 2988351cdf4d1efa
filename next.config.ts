import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // PGlite ships wasm and data files: load it from node_modules instead of bundling it.
  serverExternalPackages: ["@electric-sql/pglite"],
  outputFileTracingRoot: import.meta.dirname,
  turbopack: { root: import.meta.dirname },
};

export default config;
