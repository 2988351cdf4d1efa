/**
 * What is for sale, read from the `resources` table (API routes, and pages whose article is published). The whole active catalog is kept in memory
 * for at most CATALOG_TTL_MS, so a price set in the dashboard reaches every instance within a few
 * seconds (and this instance at once, via `invalidateCatalog`), without a query per request.
 */
import "server-only";
import { listResourcesForSale } from "@/lib/db/queries/resources";
import type { Resource } from "@/lib/db/schema";
import { processSingleton } from "@/lib/server/process-singleton";

export const CATALOG_TTL_MS = 3_000;

interface Catalog {
  loadedAt: number;
  byPath: Map<string, Resource>;
}

const state = processSingleton("catalog", () => ({
  catalog: undefined as Catalog | undefined,
  loading: undefined as Promise<Catalog> | undefined,
  generation: 0,
}));

async function load(): Promise<Catalog> {
  const generation = state.generation;
  const resources = await listResourcesForSale();
  const catalog = { loadedAt: Date.now(), byPath: new Map(resources.map((r) => [r.path, r])) };
  // A write that invalidated the catalog while we were reading wins: don't cache what may be stale.
  if (generation === state.generation) state.catalog = catalog;
  return catalog;
}

async function currentCatalog(): Promise<Catalog> {
  const cached = state.catalog;
  if (cached && Date.now() - cached.loadedAt < CATALOG_TTL_MS) return cached;
  if (!state.loading) {
    const loading = load().finally(() => {
      if (state.loading === loading) state.loading = undefined;
    });
    state.loading = loading;
  }
  return state.loading;
}

/**
 * The canonical form of a request path, as resources are stored: percent-escapes decoded the way
 * Next's router decodes them, repeated slashes collapsed, no trailing slash. An escaped separator
 * (`%2F`) stays escaped: the router does not split on it either, so it names another route.
 */
export function canonicalPath(rawPath: string): string {
  const decoded = rawPath
    .split(/[?#]/)[0]!
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, "%2F").replace(/\\/g, "%5C");
      } catch {
        return segment;
      }
    })
    .join("/");
  const collapsed = decoded.replace(/\/{2,}/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, "") : collapsed || "/";
}

/** The active resource sold at `path`, if any. */
export async function findPaidResource(path: string): Promise<Resource | undefined> {
  return (await currentCatalog()).byPath.get(canonicalPath(path));
}

/** Drops the cached catalog after a write on this instance, so the next request reads the new prices. */
export function invalidateCatalog(): void {
  state.generation += 1;
  state.catalog = undefined;
  state.loading = undefined;
}
