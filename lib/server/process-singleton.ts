/**
 * One instance per Node process. Next bundles `proxy.ts` apart from the route handlers and dev
 * reloads modules, so a module-level `let` would give each bundle (and each reload) its own
 * database connection, cache or facilitator nonce manager. `globalThis` is shared by all of them.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const symbol = Symbol.for(`x402-paywall/${key}`);
  return (store[symbol] ??= create());
}
