/**
 * The layers of DESIGN.md §2 as import rules: arrows point down only (app → components → lib),
 * config is a leaf, lib/chain is dev tooling, components get their data from pages, and bench/
 * (`npm run bench`) reaches the app only through app/api/bench.
 *
 * Flat config gives a file one set of options per rule (a later block replaces an earlier one, it
 * does not add to it), so each block below covers files no other block covers, and lists every
 * restriction that applies to them.
 */

/** An import from the project, by alias or by relative path. */
const PROJECT = String.raw`(@/|\.{1,2}/)`;

const upward = {
  regex: String.raw`^(@/|(\.\./)+)(app|components|bench)(/|$)`,
  message: "lib/ sits below app/, components/ and bench/ (DESIGN.md §2): pass what it needs as arguments instead.",
};
const toBench = {
  regex: String.raw`^(@/|(\.\./)+)bench(/|$)`,
  message: "bench/ is `npm run bench`'s code: only app/api/bench serves it.",
};
const toProxy = {
  regex: String.raw`^(@/|(\.\./)+)proxy$`,
  message: "proxy.ts is Next's entry point, not a library: move what you need into lib/.",
};
const toChain = {
  regex: String.raw`^(@/|(\.\./)+)lib/chain(/|$)`,
  message: "lib/chain is dev and test tooling (anvil, TestUSDC): production code must not need it.",
};
const toApp = {
  regex: String.raw`^(@/|(\.\./)+)app(/|$)`,
  message: "Nothing imports from app/: it holds routes only. Move shared code into lib/ or components/.",
};
/** Components render: what they may import from lib is pure, client-safe code. */
const serverFromComponents = {
  regex: String.raw`^((@/|(\.\./)+)lib/(?!(format|wallet|x402/client|resources/rules|content/(markdown|slug|article-rules)|dashboard/payment-filters|networks|site)(/|$|\.ts))|server-only$)`,
  allowTypeImports: true,
  message:
    "Components render what pages give them: no database, config or server-only modules (types are fine). Fetch in the page and pass the data (a promise, streamed in <Suspense>, for slow widgets).",
};
const componentsFromActions = {
  regex: String.raw`^(@/|(\.\./)+)components(/|$)`,
  message: "Server actions take their types from lib (e.g. lib/resources/rules.ts), not from client components.",
};
const nextFromProtocol = {
  regex: String.raw`^(next(/|$)|@x402/next$)`,
  message: "lib/x402 is framework-free: Next-aware code goes in lib/x402/next.ts only.",
};

/** Browser-side x402 code runs in the reader's page: nothing from the server may come with it. */
const serverFromBrowser = {
  regex: String.raw`^(\.\./|@/(?!lib/(format|networks)(/|$))|server-only$)`,
  allowTypeImports: true,
  message: "lib/x402/client runs in the browser: it may import only lib/format and lib/networks from the project.",
};

/**
 * Below the payment core: the database knows only config and pure helpers (content's markdown and
 * slugs, the resource rules); grant policy knows only config.
 */
const aboveDb = {
  regex: String.raw`^(@/|(\.\./)+)lib/(x402|auth|access|dashboard|wallet|content/(?!(markdown|slug)(\.ts)?$))`,
  message: "lib/db sits below the payment core, auth, access and content (DESIGN.md §2): the caller passes what a query needs.",
};
const aboveAccess = {
  regex: String.raw`^(@/|(\.\./)+)lib/(?!(env|networks|site|format|server)(/|\.ts|$))`,
  message: "lib/access is grant policy: it may import only configuration and pure helpers (DESIGN.md §2).",
};

const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });
const leaf = (message, except = "") => ({
  regex: except ? `^(?!${except}$)${PROJECT}` : `^${PROJECT}`,
  message,
});

const CONFIG_LEAVES = ["lib/env.ts", "lib/networks.ts", "lib/site.ts", "lib/local-defaults.ts"];
const ACTIONS = ["app/**/actions.ts"];
const DEV_ROUTES = ["app/api/dev/**"];
const BENCH_ROUTES = ["app/api/bench/**"];

export const boundaries = [
  {
    files: ["lib/env.ts"],
    rules: restrict(
      leaf(
        "lib/env.ts is the config leaf: it may import only lib/networks.ts (data) and lib/local-defaults.ts.",
        String.raw`(\./|@/lib/)(networks|local-defaults)`,
      ),
    ),
  },
  {
    files: ["lib/networks.ts", "lib/site.ts", "lib/local-defaults.ts"],
    rules: restrict(leaf("Configuration is a leaf: it imports nothing from the project.")),
  },
  { files: ["lib/chain/**"], rules: restrict(upward) },
  {
    files: ["lib/x402/**"],
    ignores: ["lib/x402/next.ts", "lib/x402/client/**", "**/*.test.ts"],
    rules: restrict(upward, toChain, nextFromProtocol),
  },
  {
    files: ["lib/x402/client/**"],
    ignores: ["**/*.test.ts"],
    rules: restrict(upward, toChain, nextFromProtocol, serverFromBrowser),
  },
  { files: ["lib/db/**"], ignores: ["**/*.test.ts"], rules: restrict(upward, toChain, aboveDb) },
  { files: ["lib/access/**"], ignores: ["**/*.test.ts"], rules: restrict(upward, toChain, aboveAccess) },
  {
    files: ["lib/**"],
    ignores: [...CONFIG_LEAVES, "lib/chain/**", "lib/x402/**", "lib/db/**", "lib/access/**", "**/*.test.ts"],
    rules: restrict(upward, toChain),
  },
  { files: ["lib/x402/next.ts"], rules: restrict(upward, toChain) },
  {
    files: ["components/**"],
    ignores: ["**/*.test.ts"],
    rules: restrict(serverFromComponents, toApp, toChain, toProxy, toBench),
  },
  { files: ACTIONS, rules: restrict(componentsFromActions, toChain, toProxy, toBench) },
  // The dev faucet mints TestUSDC on the local chain (it answers 404 on any other network).
  { files: DEV_ROUTES, rules: restrict(toProxy, toBench) },
  // The bench's routes answer 404 unless BENCH_ROUTES is on (local chain only).
  { files: BENCH_ROUTES, rules: restrict(toChain, toProxy) },
  { files: ["app/**"], ignores: [...ACTIONS, ...DEV_ROUTES, ...BENCH_ROUTES], rules: restrict(toChain, toProxy, toBench) },
  { files: ["proxy.ts"], rules: restrict(toApp, toChain, toBench) },
];
