/**
 * Hostile and malformed input against the production server, table by table: payment headers
 * (v2 and v1), grant cookies, path spellings, the dashboard and its server actions, and odd
 * methods and headers. Every case gets a 4xx with its reason (or a redirect, a bodiless answer,
 * or — for a server action called without an admin session — the action's own refusal), never a
 * 5xx, never paid content or the ledger's data, never an access cookie; around the whole battery
 * the ledger, the payer's and the publisher's balances stay exactly as they were.
 *
 * The controls first show that each kind of input can succeed when it is right (a payment built
 * the way the bad ones are, a grant and an admin session minted the way the forged ones are, a
 * server action posted the way the refused ones are), so every refusal below is about the one
 * thing its case gets wrong.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { SignJWT } from "jose";
import type { Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";
import { grantCookieName, issueGrant } from "@/lib/access/token";
import { DEV_WALLET_ACCOUNT } from "@/lib/local-defaults";
import { transferWithAuthorizationTypes } from "@/lib/x402/eip3009";
import { LOCAL_DEV_AUTH_SECRET } from "@/lib/local-defaults";
import {
  adminCookie,
  anvilAccount,
  cookiesOf,
  newFundedPayers,
  PAY_TO,
  readLedger,
  signedPayment,
  signIn,
  SITE,
  usdcOf,
  type LedgerRow,
} from "./support/site";

// ── What is for sale (the demo content of a fresh server), and what its buyers alone may read ──

const A = "/articles/how-settlement-works"; // 0.25 USDC
const A_PRICE = 250_000n;
const B = "/articles/paying-without-an-account"; // 0.05 USDC
const B_PRICE = 50_000n;
const C = "/articles/http-402-payment-required"; // 0.01 USDC
const C_PRICE = 10_000n;
const API = "/api/insights"; // 0.002 USDC
const API_PRICE = 2_000n;
/** Created by the admin in beforeAll at C's price, so that C's payment matches its terms. */
const TWIN_SLUG = `bad-input-twin-${Date.now().toString(36)}`;
const TWIN = `/articles/${TWIN_SLUG}`;
const TWIN_BODY = "The twin's paid paragraph, for its buyers only.";

/** Sentences from the paid part of each article, and what only a paid API answer holds. */
const PAID = [
  "An x402 payment on an EVM chain is an EIP-3009 authorization",
  "With x402 the page itself is the checkout",
  "x402 fills the reservation with a small, boring protocol",
  TWIN_BODY,
  '"paidBy"',
  '"insight":',
];
const PAID_IN = { [A]: PAID[0]!, [B]: PAID[1]!, [C]: PAID[2]! };

/** The server signs grants and sessions with AUTH_SECRET, which is the public dev secret unless the shell sets one. */
const SERVER_SECRET = process.env.AUTH_SECRET || LOCAL_DEV_AUTH_SECRET;
const OTHER_SECRET = "not-the-server-secret-but-long-enough-0123456789";
const ACCESS_COOKIE = /^(x402_grant_|x402_pass_|x402_unlocked|x402_admin_session|x402_reader_session)/;
const MARKDOWN = { Accept: "text/markdown" };
const JSON_ACCEPT = { Accept: "application/json" };
const BROWSER = { Accept: "text/html,application/xhtml+xml", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)" };
const nowSeconds = () => Math.floor(Date.now() / 1000);

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────

type HeaderMap = Record<string, string | string[]>;

/**
 * One request with the path exactly as written (fetch would normalise `..`, `//`, a trailing `?`)
 * and headers as given (repeated ones, oversized ones), answered as a `Response`.
 */
function raw(path: string, init: { method?: string; headers?: HeaderMap; body?: string } = {}): Promise<Response> {
  const site = new URL(SITE);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: site.hostname, port: site.port, path, method: init.method ?? "GET", headers: init.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const one of [value ?? []].flat()) headers.append(name, one);
          }
          const status = response.statusCode!;
          const body = [204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers }));
        });
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

const get = (path: string, headers: HeaderMap = {}) => raw(path, { headers });

/** The terms a 402 states for `path` (its one `accepts` entry, and the whole PAYMENT-REQUIRED). */
async function termsOf(path: string): Promise<{ required: PaymentRequired; requirement: PaymentRequirements }> {
  const response = await fetch(`${SITE}${path}`, { headers: JSON_ACCEPT });
  const header = response.headers.get("PAYMENT-REQUIRED");
  if (response.status !== 402 || !header) throw new Error(`${path} answered ${response.status} without terms`);
  const required = decodePaymentRequiredHeader(header);
  return { required, requirement: required.accepts[0]! };
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const encodeJson = (value: unknown) => base64(JSON.stringify(value));

// ── Payments built by hand: right in every respect but the one a case changes ───────────────────

interface Authorization {
  from: Address;
  to: Address;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: Hex;
}

interface PaymentPayloadDraft {
  x402Version: number;
  resource: PaymentRequired["resource"];
  accepted: PaymentRequirements;
  payload: { authorization: Authorization; signature: Hex };
}

interface Craft {
  /** What the payer says it accepts (signed consistently with it). */
  accepted?: (requirement: PaymentRequirements) => PaymentRequirements;
  /** The authorization as signed. */
  authorization?: (authorization: Authorization) => Authorization;
  /** Who signs (the authorization still names the payer). */
  signer?: PrivateKeyAccount;
  /** Changes after signing. */
  tamper?: (payload: PaymentPayloadDraft) => void;
}

let payer: PrivateKeyAccount;
const stranger = privateKeyToAccount(generatePrivateKey());

/**
 * A PAYMENT-SIGNATURE for `path`'s current terms, signed by `payer` (EIP-3009 in the token's
 * EIP-712 domain, as the official client signs it), with `craft`'s changes.
 */
async function craftPayment(path: string, craft: Craft = {}): Promise<string> {
  const { required, requirement } = await termsOf(path);
  const accepted = craft.accepted ? craft.accepted(structuredClone(requirement)) : requirement;
  const plain: Authorization = {
    from: payer.address,
    to: accepted.payTo as Address,
    value: accepted.amount,
    validAfter: "0",
    validBefore: String(nowSeconds() + accepted.maxTimeoutSeconds),
    nonce: generatePrivateKey(), // 32 random bytes
  };
  const authorization = craft.authorization ? craft.authorization(plain) : plain;
  const extra = accepted.extra as { name: string; version: string };
  const signature = await (craft.signer ?? payer).signTypedData({
    domain: {
      name: extra.name,
      version: extra.version,
      chainId: Number(accepted.network.split(":")[1]),
      verifyingContract: accepted.asset as Address,
    },
    types: transferWithAuthorizationTypes,
    primaryType: "TransferWithAuthorization",
    message: {
      ...authorization,
      value: BigInt(authorization.value),
      validAfter: BigInt(authorization.validAfter),
      validBefore: BigInt(authorization.validBefore),
    },
  });
  const payload: PaymentPayloadDraft = { x402Version: 2, resource: required.resource, accepted, payload: { authorization, signature } };
  craft.tamper?.(payload);
  return encodeJson(payload);
}

const pay = (path: string, header: string, accept: HeaderMap = MARKDOWN) => get(path, { ...accept, "PAYMENT-SIGNATURE": header });
const payWith = (path: string, craft: Craft = {}, accept: HeaderMap = MARKDOWN) =>
  craftPayment(path, craft).then((header) => pay(path, header, accept));

// ── Grants and sessions minted by hand ──────────────────────────────────────────────────────────

function mintGrant(options: { secret?: string; resourceId: number; resourcePath: string; expiresAt?: number; scope?: "resource" | "pages"; now?: Date }) {
  return issueGrant({
    secret: options.secret ?? SERVER_SECRET,
    resourceId: options.resourceId,
    resourcePath: options.resourcePath,
    scope: options.scope,
    payer: payer.address,
    amount: C_PRICE,
    txHash: `0x${"ab".repeat(32)}`,
    expiresAt: options.expiresAt ?? nowSeconds() + 3_600,
    secure: false,
    now: options.now,
  }).then((grant) => grant.value);
}

function mintSession(address: Address, audience: "admin" | "reader", secret = SERVER_SECRET) {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer("x402-paywall")
    .setAudience(audience)
    .setSubject(address)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
}

const jwtPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwtClaims = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

// ── Server actions, posted as React posts them ──────────────────────────────────────────────────

type ActionName = "saveArticleAction" | "reconcilePaymentAction" | "createResourceAction" | "setResourceActiveAction" | "updateResourceAction";

/** Action ids change with every build: read them from the build being served. */
function actionIds(): Record<ActionName, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, { exportedName }]) => [exportedName, id])) as Record<ActionName, string>;
}
let ACTIONS: Record<ActionName, string>;

interface ActionOptions {
  cookie?: string;
  origin?: string;
}

/** An action called with plain arguments: a text/plain JSON array. */
function postAction(page: string, action: ActionName, args: unknown[], { cookie, origin = SITE }: ActionOptions = {}) {
  return raw(page, {
    method: "POST",
    headers: {
      "Next-Action": ACTIONS[action],
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: origin,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(args),
  });
}

/** An action called with a form (`useActionState`): the form's fields, then the arguments referring to it. */
function postFormAction(page: string, action: ActionName, args: unknown[], fields: Record<string, string>, { cookie, origin = SITE }: ActionOptions = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
  form.append("0", JSON.stringify([...args, "$K1"]));
  return fetch(`${SITE}${page}`, {
    method: "POST",
    headers: { "Next-Action": ACTIONS[action], Accept: "text/x-component", Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: form,
    redirect: "manual",
  });
}

const RESOURCE_FORM = (payTo: string) => ({
  title: "Cheap now",
  description: "",
  price: "0.000001",
  accessAmount: "1",
  accessUnit: "days",
  payTo,
});

// ── State shared by the cases ───────────────────────────────────────────────────────────────────

let admin: string;
let reader: string;
let ids: Record<string, number>;
/** C's payment, settled in beforeAll, and the grant it bought. */
let settledOnC: string;
let grantOnC: { name: string; value: string };
let ledgerBefore: LedgerRow[];
let payToBefore: bigint;
let payerBefore: bigint;

/** Each resource's id, from the admin's resource list. */
async function resourceIds(cookie: string): Promise<Record<string, number>> {
  const html = await (await fetch(`${SITE}/dashboard/resources`, { headers: { Cookie: cookie } })).text();
  const rows = html.split('data-testid="resource-row"').slice(1);
  return Object.fromEntries(
    rows.flatMap((row) => {
      const match = /font-mono[^"]*">([^<]+)<[\s\S]*?href="\/dashboard\/resources\/(\d+)"/.exec(row);
      return match ? [[match[1]!, Number(match[2])]] : [];
    }),
  );
}

/** What `path` asks now: its status and the amount its 402 demands, and whom it pays. */
async function currentTerms(path: string): Promise<{ status: number; amount?: string; payTo?: string }> {
  const response = await fetch(`${SITE}${path}`, { headers: JSON_ACCEPT });
  const header = response.headers.get("PAYMENT-REQUIRED");
  const requirement = header ? decodePaymentRequiredHeader(header).accepts[0] : undefined;
  return { status: response.status, amount: requirement?.amount, payTo: requirement?.payTo };
}

beforeAll(async () => {
  ACTIONS = actionIds();
  admin = await adminCookie();

  // The admin creates the twin with the same kind of request the refused actions below make.
  const created = await postFormAction("/dashboard/articles/new", "saveArticleAction", [null, { status: "idle" }], {
    title: "Bad-input twin",
    slug: TWIN_SLUG,
    author: "Battery",
    coverImageUrl: "",
    teaser: "A twin of a paid article, priced the same.",
    body: TWIN_BODY,
    price: "0.01",
    accessAmount: "1",
    accessUnit: "days",
    intent: "publish",
  }, { cookie: admin });
  if (created.status !== 200) throw new Error(`creating the twin answered ${created.status}: ${await created.text()}`);
  ids = await resourceIds(admin);
  for (const path of [A, B, C, API, TWIN]) if (!ids[path]) throw new Error(`no resource id for ${path}`);

  payer = (await newFundedPayers(1, 1_000_000n))[0]!;
  reader = cookiesOf(await signIn(privateKeyToAccount(generatePrivateKey()), "/api/reader/session"));

  // A payment built by hand, unchanged, is paid and served: what the cases change is what fails.
  const paidB = await payWith(B);
  if (paidB.status !== 200 || !(await paidB.text()).includes(PAID_IN[B])) throw new Error(`the hand-made payment for B answered ${paidB.status}`);
  // C paid with the official client: its payment is replayed elsewhere, its grant forged below.
  settledOnC = await signedPayment(`${SITE}${C}`, payer, "text/markdown");
  const paidC = await pay(C, settledOnC);
  if (paidC.status !== 200 || !(await paidC.text()).includes(PAID_IN[C])) throw new Error(`paying C answered ${paidC.status}`);
  const cookie = paidC.headers.getSetCookie().find((line) => line.startsWith(`${grantCookieName(ids[C]!)}=`));
  if (!cookie) throw new Error("paying C set no grant cookie");
  const [name, value] = cookie.split(";")[0]!.split("=") as [string, string];
  grantOnC = { name, value };

  [ledgerBefore, payToBefore, payerBefore] = await Promise.all([readLedger(admin), usdcOf(PAY_TO), usdcOf(payer.address)]);
});

// ── The checks every case gets ──────────────────────────────────────────────────────────────────

interface Case {
  name: string;
  request: () => Promise<Response>;
  /** The status, or the statuses that are right (say why in the case). */
  status: number | number[];
  /** The machine-readable reason: `error` of the JSON body. */
  reason?: string;
  /** Something the body says (a human message, or a reason inside an RSC payload). */
  says?: RegExp;
  /** A 402 that still demands this amount (PAYMENT-REQUIRED). */
  demands?: bigint;
  /** Where a redirect points. */
  location?: string;
  /** Checks of the state afterwards (a price that must not have changed). */
  after?: () => Promise<void>;
}

function reasonOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: string }).error;
  } catch {
    return undefined;
  }
}

/** Every body must be free of these: paid content, and the ledger's own data (the dashboard's). */
const secrets = () => [...PAID, payer.address, payer.address.toLowerCase()];

async function check(c: Case) {
  const response = await c.request();
  const body = await response.text();
  const context = `${c.name}: HTTP ${response.status} ${body.slice(0, 300)}`;
  expect([c.status].flat(), context).toContain(response.status);
  expect(response.status, context).toBeLessThan(500);
  for (const secret of secrets()) expect(body, context).not.toContain(secret);
  expect(response.headers.getSetCookie().filter((line) => ACCESS_COOKIE.test(line)), context).toEqual([]);
  expect(response.headers.get("PAYMENT-RESPONSE"), context).toBeNull();
  if (c.reason !== undefined) expect(reasonOf(body), context).toBe(c.reason);
  if (c.says) expect(body, context).toMatch(c.says);
  if (c.location !== undefined) expect(response.headers.get("location"), context).toBe(c.location);
  if (c.demands !== undefined) {
    const header = response.headers.get("PAYMENT-REQUIRED");
    expect(header, context).not.toBeNull();
    const required = decodePaymentRequiredHeader(header!);
    expect(required.accepts.map((requirement) => BigInt(requirement.amount)), context).toEqual([c.demands]);
    // A request's Host or X-Forwarded-Host never names the resource the payment is for.
    expect(required.resource.url.startsWith(`${SITE}/`), context).toBe(true);
  }
  await c.after?.();
}

const NO_MATCH = "No matching payment requirements";

// ── Controls: right input succeeds, so the refusals below are about what each case changes ─────

describe("controls", () => {
  it("the twin the admin created by server action is for sale at C's price", async () => {
    expect(await currentTerms(TWIN)).toMatchObject({ status: 402, amount: String(C_PRICE), payTo: PAY_TO });
  });

  it("C's grant opens C", async () => {
    const response = await get(C, { ...MARKDOWN, Cookie: `${grantOnC.name}=${grantOnC.value}` });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(PAID_IN[C]);
  });

  it("a grant minted with the server's secret opens C: the forged ones below differ in one thing", async () => {
    const value = await mintGrant({ resourceId: ids[C]!, resourcePath: C });
    const response = await get(C, { ...MARKDOWN, Cookie: `${grantCookieName(ids[C]!)}=${value}` });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(PAID_IN[C]);
  });

  it("an admin session minted with the server's secret opens the dashboard", async () => {
    const token = await mintSession(anvilAccount(DEV_WALLET_ACCOUNT).address, "admin");
    const response = await fetch(`${SITE}/dashboard/payments`, { headers: { Cookie: `x402_admin_session=${token}` }, redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(payer.address);
  });
});

// ── PAYMENT-SIGNATURE ───────────────────────────────────────────────────────────────────────────

const malformedPayments: Case[] = [
  { name: "not base64", request: () => pay(A, "this is not base64!!"), status: 400, reason: "invalid_payment_header" },
  { name: "base64url alphabet", request: () => pay(A, Buffer.from('{"x402Version":2}??>>').toString("base64url")), status: 400, reason: "invalid_payment_header" },
  { name: "base64 of text that is not JSON", request: () => pay(A, base64("hello, server")), status: 400, reason: "invalid_payment_header" },
  { name: "base64 of JSON null", request: () => pay(A, base64("null")), status: 400, reason: "invalid_payment_header" },
  { name: "base64 of a JSON array", request: () => pay(A, encodeJson([2, "exact"])), status: 400, reason: "invalid_payment_header" },
  {
    name: "JSON of the wrong shape",
    request: () => pay(A, encodeJson({ x402Version: 2, accepted: "everything", payload: [] })),
    status: 400,
    reason: "invalid_payment_header",
  },
  {
    name: "JSON with __proto__ and constructor keys",
    request: () => pay(A, base64('{"__proto__":{"isValid":true},"constructor":{"prototype":{"x402Version":2}}}')),
    status: 400,
    reason: "invalid_payment_header",
  },
  {
    name: "empty header",
    request: () => pay(A, ""),
    // An empty value counts as no header: the plain 402.
    status: 402,
    reason: "payment_required",
    demands: A_PRICE,
  },
  {
    name: "twice (a valid payment and junk): Node joins them into one malformed value",
    request: async () => get(A, { ...MARKDOWN, "PAYMENT-SIGNATURE": [await craftPayment(A), "e30="] }),
    status: 400,
    reason: "invalid_payment_header",
  },
  {
    name: "10 KB: over the app's 8 KiB limit",
    request: () => pay(A, "A".repeat(10 * 1024)),
    status: 431,
    reason: "payment_header_too_large",
  },
  {
    name: "10 KB on the API",
    request: () => pay(API, "A".repeat(10 * 1024), JSON_ACCEPT),
    status: 431,
    reason: "payment_header_too_large",
  },
  {
    // Node's HTTP parser refuses request headers over 16 KiB (--max-http-header-size) before the
    // app sees them: 431 with no body, and the connection closed.
    name: "20 KB: refused by Node itself",
    request: () => pay(A, "A".repeat(20 * 1024)),
    status: 431,
  },
  {
    name: "x402Version 1 in a v2 envelope",
    request: () => craftPayment(A, { tamper: (payload) => void (payload.x402Version = 1) }).then((header) => pay(A, header)),
    status: 400,
    reason: "invalid_payment_header",
  },
  {
    name: "x402Version 3",
    request: () => craftPayment(A, { tamper: (payload) => void (payload.x402Version = 3) }).then((header) => pay(A, header)),
    status: 400,
    reason: "invalid_payment_header",
  },
];

const wrongTerms: Case[] = [
  {
    name: "another scheme",
    request: () => payWith(A, { accepted: (r) => ({ ...r, scheme: "upto" }) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "another network (Base mainnet, signed for its chain id)",
    request: () => payWith(A, { accepted: (r) => ({ ...r, network: "eip155:8453" }) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "another asset",
    request: () => payWith(A, { accepted: (r) => ({ ...r, asset: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913" }) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "another payTo, stated and signed",
    request: () => payWith(A, { accepted: (r) => ({ ...r, payTo: stranger.address }) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "the right payTo stated, another one signed",
    request: () => payWith(A, { authorization: (a) => ({ ...a, to: stranger.address }) }),
    status: 402,
    reason: "invalid_exact_evm_recipient_mismatch",
    demands: A_PRICE,
  },
  {
    name: "less than the price, stated and signed",
    request: () => payWith(A, { accepted: (r) => ({ ...r, amount: String(A_PRICE - 1n) }) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "more than the price, stated and signed",
    request: () => payWith(A, { accepted: (r) => ({ ...r, amount: String(A_PRICE * 2n) }) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "the price stated, less signed",
    request: () => payWith(A, { authorization: (a) => ({ ...a, value: "1" }) }),
    status: 402,
    reason: "invalid_exact_evm_payload_authorization_value_mismatch",
    demands: A_PRICE,
  },
  {
    name: "the price stated, more signed",
    request: () => payWith(A, { authorization: (a) => ({ ...a, value: String(A_PRICE + 1n) }) }),
    status: 402,
    reason: "invalid_exact_evm_payload_authorization_value_mismatch",
    demands: A_PRICE,
  },
  {
    name: "less than the API's price",
    request: () => payWith(API, { accepted: (r) => ({ ...r, amount: "1" }) }, JSON_ACCEPT),
    status: 402,
    reason: NO_MATCH,
    demands: API_PRICE,
  },
  {
    name: "expired (validBefore a minute ago)",
    request: () => payWith(A, { authorization: (a) => ({ ...a, validBefore: String(nowSeconds() - 60) }) }),
    status: 402,
    reason: "invalid_exact_evm_payload_authorization_valid_before",
    demands: A_PRICE,
  },
  {
    name: "expired, on the API",
    request: () => payWith(API, { authorization: (a) => ({ ...a, validBefore: String(nowSeconds() - 60) }) }, JSON_ACCEPT),
    status: 402,
    reason: "invalid_exact_evm_payload_authorization_valid_before",
    demands: API_PRICE,
  },
  {
    name: "not valid yet (validAfter in an hour)",
    request: () => payWith(A, { authorization: (a) => ({ ...a, validAfter: String(nowSeconds() + 3_600) }) }),
    status: 402,
    reason: "authorization_not_yet_valid",
    demands: A_PRICE,
  },
];

const forgedPayments: Case[] = [
  {
    name: "signed by another key than the payer it names",
    request: () => payWith(A, { signer: stranger }),
    status: 402,
    reason: "invalid_exact_evm_signature",
    demands: A_PRICE,
  },
  {
    name: "signed by another key, on the API",
    request: () => payWith(API, { signer: stranger }, JSON_ACCEPT),
    status: 402,
    reason: "invalid_exact_evm_signature",
    demands: API_PRICE,
  },
  {
    name: "accepted.amount lowered after signing",
    request: () => payWith(A, { tamper: (payload) => void (payload.accepted.amount = "1") }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "accepted.payTo changed after signing",
    request: () => payWith(A, { tamper: (payload) => void (payload.accepted.payTo = stranger.address) }),
    status: 402,
    reason: NO_MATCH,
    demands: A_PRICE,
  },
  {
    name: "authorization.nonce changed after signing",
    request: () => payWith(A, { tamper: (payload) => void (payload.payload.authorization.nonce = generatePrivateKey()) }),
    status: 402,
    reason: "invalid_exact_evm_signature",
    demands: A_PRICE,
  },
  {
    name: "authorization.validBefore extended after signing",
    request: () => payWith(A, { tamper: (payload) => void (payload.payload.authorization.validBefore = String(nowSeconds() + 299)) }),
    status: 402,
    reason: "invalid_exact_evm_signature",
    demands: A_PRICE,
  },
  {
    name: "signature cut short",
    request: () => payWith(A, { tamper: (payload) => void (payload.payload.signature = payload.payload.signature.slice(0, 40) as Hex) }),
    status: 402,
    reason: "invalid_exact_evm_signature",
    demands: A_PRICE,
  },
];

const elsewhere: Case[] = [
  {
    name: "A's payment sent to C",
    request: async () => pay(C, await craftPayment(A)),
    status: 402,
    reason: NO_MATCH,
    demands: C_PRICE,
  },
  {
    name: "A's payment sent to the API",
    request: async () => pay(API, await craftPayment(A), JSON_ACCEPT),
    status: 402,
    reason: NO_MATCH,
    demands: API_PRICE,
  },
  {
    name: "the API's payment sent to an article",
    request: async () => pay(B, await craftPayment(API)),
    status: 402,
    reason: NO_MATCH,
    demands: B_PRICE,
  },
  // A settled authorization is public: sent again anywhere, it is refused as used (409) before
  // anything else is looked at, with the terms of the resource it was sent to.
  {
    name: "C's settled payment replayed on A",
    request: () => pay(A, settledOnC),
    status: 409,
    reason: "duplicate_payment",
    demands: A_PRICE,
  },
  {
    name: "C's settled payment replayed on the twin, which has C's terms",
    request: () => pay(TWIN, settledOnC),
    status: 409,
    reason: "duplicate_payment",
    demands: C_PRICE,
  },
  {
    // The signature doesn't cover the extensions: stripping them changes nothing.
    name: "C's settled payment, extensions stripped, replayed on the twin",
    request: () => {
      const { extensions: _, ...payment } = JSON.parse(Buffer.from(settledOnC, "base64").toString()) as Record<string, unknown>;
      return pay(TWIN, encodeJson(payment));
    },
    status: 409,
    reason: "duplicate_payment",
    demands: C_PRICE,
  },
  {
    // The API has no access window: no Sign-In-With-X to offer, so no terms inviting a second payment.
    name: "C's settled payment replayed on the API",
    request: () => pay(API, settledOnC, JSON_ACCEPT),
    status: 409,
    reason: "duplicate_payment",
  },
];

const V1_FOR_BASE_SEPOLIA = encodeJson({
  x402Version: 1,
  scheme: "exact",
  network: "base-sepolia",
  payload: { signature: "0x00", authorization: {} },
});

const v1Payments: Case[] = [
  { name: "X-PAYMENT junk on the API", request: () => get(API, { "X-PAYMENT": "junk!" }), status: 400, reason: "invalid_x_payment_header" },
  { name: "X-PAYMENT junk on an article", request: () => get(A, { ...MARKDOWN, "X-PAYMENT": "junk!" }), status: 400, reason: "invalid_x_payment_header" },
  {
    name: "X-PAYMENT base64 of non-JSON",
    request: () => get(API, { "X-PAYMENT": base64("not json") }),
    status: 400,
    reason: "invalid_x_payment_header",
  },
  {
    name: "X-PAYMENT carrying a v2 payment",
    request: async () => get(API, { "X-PAYMENT": await craftPayment(API) }),
    status: 400,
    reason: "invalid_x402_version",
  },
  {
    name: "X-PAYMENT with x402Version 7",
    request: () => get(API, { "X-PAYMENT": encodeJson({ x402Version: 7, scheme: "exact", network: "base", payload: {} }) }),
    status: 400,
    reason: "invalid_x402_version",
  },
  {
    name: "X-PAYMENT for a network x402 v1 names (this one has no v1 name)",
    request: () => get(API, { "X-PAYMENT": V1_FOR_BASE_SEPOLIA }),
    status: 402,
    reason: "x402_v1_unavailable",
  },
  {
    name: "X-PAYMENT of 10 KB",
    request: () => get(API, { "X-PAYMENT": "A".repeat(10 * 1024) }),
    status: 431,
    reason: "x_payment_header_too_large",
  },
];

describe("PAYMENT-SIGNATURE", () => {
  it.for(malformedPayments)("malformed: $name", check);
  it("malformed: 64 KB: Node refuses it before the app, with a bare 431 or by dropping the connection", async () => {
    // Node answers 431 and closes at once; the rest of the header, still arriving, may make the
    // socket reset before the client reads that answer. Either way the app never saw the request.
    const outcome = await pay(A, "A".repeat(64 * 1024)).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: NodeJS.ErrnoException) => ({ error: error.code }),
    );
    if ("error" in outcome) expect(["ECONNRESET", "EPIPE"]).toContain(outcome.error);
    else expect(outcome).toEqual({ status: 431, body: "" });
    expect((await get(A, MARKDOWN)).status).toBe(402);
  });
  it.for(wrongTerms)("wrong terms: $name", check);
  it.for(forgedPayments)("forged: $name", check);
  it.for(elsewhere)("another resource: $name", check);
});

describe("X-PAYMENT (x402 v1)", () => {
  it.for(v1Payments)("$name", check);
});

// ── Grant cookies ───────────────────────────────────────────────────────────────────────────────

const withCookie = (path: string, cookie: string, accept: HeaderMap = MARKDOWN) => get(path, { ...accept, Cookie: cookie });
const onC = (value: string) => withCookie(C, `${grantCookieName(ids[C]!)}=${value}`);

const grants: Case[] = [
  { name: "random value", request: () => onC(generatePrivateKey()), status: 402, reason: "payment_required", demands: C_PRICE },
  { name: "a JWT-looking value that is not one", request: () => onC("eyJhbGciOiJIUzI1NiJ9.e30.x"), status: 402, reason: "payment_required", demands: C_PRICE },
  {
    name: "signed with another secret",
    request: async () => onC(await mintGrant({ secret: OTHER_SECRET, resourceId: ids[C]!, resourcePath: C })),
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
  {
    name: "expired (signed with the server's secret)",
    request: async () =>
      onC(await mintGrant({ resourceId: ids[C]!, resourcePath: C, expiresAt: nowSeconds() - 60, now: new Date(Date.now() - 3_600_000) })),
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
  {
    name: "for another resource, under C's cookie name (server's secret)",
    request: async () => onC(await mintGrant({ resourceId: ids[A]!, resourcePath: A })),
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
  {
    name: "payload tampered: C's real grant with its expiry pushed out",
    request: () => {
      const [header, , signature] = grantOnC.value.split(".");
      const claims = { ...jwtClaims(grantOnC.value), exp: nowSeconds() + 10 * 365 * 86_400 };
      return onC(`${header}.${jwtPart(claims)}.${signature}`);
    },
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
  {
    name: "payload tampered: C's real grant turned into a pass",
    request: () => {
      const [header, , signature] = grantOnC.value.split(".");
      const claims = { ...jwtClaims(grantOnC.value), scp: "pages" };
      return withCookie(A, `x402_pass_${ids[C]}=${header}.${jwtPart(claims)}.${signature}`);
    },
    status: 402,
    reason: "payment_required",
    demands: A_PRICE,
  },
  {
    name: "alg none",
    request: () => onC(`${jwtPart({ alg: "none", typ: "JWT" })}.${jwtPart(jwtClaims(grantOnC.value))}.`),
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
  {
    name: "C's real grant sent to A",
    request: () => withCookie(A, `${grantOnC.name}=${grantOnC.value}`),
    status: 402,
    reason: "payment_required",
    demands: A_PRICE,
  },
  {
    name: "C's real grant renamed to A's cookie",
    request: () => withCookie(A, `${grantCookieName(ids[A]!)}=${grantOnC.value}`),
    status: 402,
    reason: "payment_required",
    demands: A_PRICE,
  },
  {
    name: "C's real grant renamed to a pass cookie",
    request: () => withCookie(B, `x402_pass_${ids[C]}=${grantOnC.value}`),
    status: 402,
    reason: "payment_required",
    demands: B_PRICE,
  },
  {
    name: "C's real grant on the twin, under the twin's name",
    request: () => withCookie(TWIN, `${grantCookieName(ids[TWIN]!)}=${grantOnC.value}`),
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
  {
    name: "C's real grant sent to the API",
    request: () => withCookie(API, `${grantCookieName(ids[API]!)}=${grantOnC.value}`, JSON_ACCEPT),
    status: 402,
    reason: "payment_required",
    demands: API_PRICE,
  },
  {
    name: "a pass minted with another secret",
    request: async () => withCookie(A, `x402_pass_1=${await mintGrant({ secret: OTHER_SECRET, resourceId: 1, resourcePath: "/", scope: "pages" })}`),
    status: 402,
    reason: "payment_required",
    demands: A_PRICE,
  },
  {
    name: "the admin's session token as a grant",
    request: () => onC(admin.split("; ").find((cookie) => cookie.startsWith("x402_admin_session="))!.split("=")[1]!),
    status: 402,
    reason: "payment_required",
    demands: C_PRICE,
  },
];

describe("grant cookies", () => {
  it.for(grants)("$name", check);
});

// ── Path spellings of a paid article and the paid API ───────────────────────────────────────────

/** No page for that spelling: Next's 404 (the proxy found nothing for sale there). */
const notFound = (name: string, path: string): Case => ({ name, request: () => get(path, MARKDOWN), status: 404 });
/** Still asks for payment: programs get the JSON 402, browsers the teaser page under 402. */
const stillPaid = (name: string, path: string, price: bigint, accept: HeaderMap = MARKDOWN): Case => ({
  name,
  request: () => get(path, accept),
  status: 402,
  ...(accept === BROWSER ? { says: /^<!DOCTYPE html>/ } : { reason: "payment_required" }),
  demands: price,
});
const redirected = (name: string, path: string, location: string): Case => ({
  name,
  request: () => get(path, MARKDOWN),
  status: 308,
  location,
});
const badPath = (name: string, path: string): Case => ({ name, request: () => get(path, MARKDOWN), status: 400, reason: "invalid_path" });

const paths: Case[] = [
  redirected("//articles/x", `/${A}`, A),
  stillPaid("/articles/%2e%2e/articles/x", `/articles/%2e%2e${A}`, A_PRICE),
  stillPaid("/articles/../articles/x", `/articles/..${A}`, A_PRICE),
  stillPaid("/articles/./x", A.replace("/articles/", "/articles/./"), A_PRICE),
  redirected("/articles/x/ (trailing slash)", `${A}/`, A),
  notFound("/Articles/x", A.replace("/articles/", "/Articles/")),
  notFound("/articles/X (upper-case slug)", A.toUpperCase().replace("/ARTICLES/", "/articles/")),
  notFound("/ARTICLES/X", A.toUpperCase()),
  notFound("/articles%2Fx (encoded slash)", A.replace("/articles/", "/articles%2F")),
  notFound("/articles%2fx (lower-case encoded slash)", A.replace("/articles/", "/articles%2f")),
  stillPaid("/articles/%2e%2e/articles/x, from a browser (the teaser page under 402)", `/articles/%2e%2e${A}`, A_PRICE, BROWSER),
  stillPaid("/articles/./x, from a browser", A.replace("/articles/", "/articles/./"), A_PRICE, BROWSER),
  stillPaid("/articles/x? (empty query)", `${A}?`, A_PRICE),
  stillPaid("/articles/x?, from a browser", `${A}?`, A_PRICE, BROWSER),
  stillPaid("/articles/x?grant=1 (query)", `${A}?grant=1&_rsc=1`, A_PRICE),
  notFound("/articles/x; (matrix separator)", `${A};`),
  notFound("/articles/x;jsessionid=1", `${A};jsessionid=1`),
  badPath("/articles/x%00 (NUL)", `${A}%00`),
  badPath("/articles/x%FF (not UTF-8)", `${A}%FF`),
  badPath("/articles/%E2%82 (cut-off UTF-8)", "/articles/%E2%82"),
  badPath("/passes/%FF", "/passes/%FF"),
  badPath("/dashboard/resources/%FF", "/dashboard/resources/%FF"),
  notFound("/articles/x%2500 (double-encoded NUL)", `${A}%2500`),
  notFound("/articles%252Fx (double-encoded slash)", A.replace("/articles/", "/articles%252F")),
  notFound("/articles/how%252D... (double-encoded hyphen)", A.replace("how-", "how%252D")),
  stillPaid("/articles/how%2D... (encoded hyphen)", A.replace("how-", "how%2D"), A_PRICE),
  stillPaid("/articles/how%2D..., from a browser", A.replace("how-", "how%2D"), A_PRICE, BROWSER),
  notFound("/articles/x%2F (encoded trailing slash)", `${A}%2F`),
  notFound("/articles/x%20", `${A}%20`),
  notFound("/articles/x. (trailing dot)", `${A}.`),
  notFound("/articles/x.md", `${A}.md`),
  stillPaid("/articles/x.rsc", `${A}.rsc`, A_PRICE),
  redirected("/articles\\x (backslash)", A.replace("/articles/", "/articles\\"), A),
  redirected("//evil.example/articles/x stays on this site", `//evil.example${A}`, `/evil.example${A}`),
  redirected("/api//insights", "/api//insights", API),
  redirected("/api/insights/", `${API}/`, API),
  stillPaid("/api/./insights", "/api/./insights", API_PRICE),
  stillPaid("/x/../api/insights", "/x/../api/insights", API_PRICE),
  notFound("/API/insights", "/API/insights"),
  notFound("/api/Insights", "/api/Insights"),
  notFound("/api%2Finsights", "/api%2Finsights"),
  notFound("/api/%69nsights (encoded letter)", "/api/%69nsights"),
  notFound("/api/insights%00", "/api/insights%00"),
  notFound("/api/insights;", "/api/insights;"),
];

describe("path spellings", () => {
  it.for(paths)("$name", check);
});

// ── Dashboard and server actions ────────────────────────────────────────────────────────────────

const DASHBOARD_PAGES = [
  "/dashboard",
  "/dashboard/payments",
  "/dashboard/payments/1",
  "/dashboard/resources",
  "/dashboard/resources/1",
  "/dashboard/resources/new",
  "/dashboard/articles",
  "/dashboard/articles/new",
  "/dashboard/audit",
  "/dashboard/settings",
  "/dashboard/settlement",
];

const signInPage = (name: string, path: string, cookie: () => Promise<string> | string): Case => ({
  name,
  request: async () => get(path, { Accept: "text/html", Cookie: await cookie() }),
  status: 307,
  location: "/dashboard/sign-in",
});

/** C is still for sale at its price, to its publisher: what the refused actions tried to change. */
async function cUnchanged() {
  expect(await currentTerms(C)).toEqual({ status: 402, amount: String(C_PRICE), payTo: PAY_TO });
}

const nonAdmin = privateKeyToAccount(generatePrivateKey());
const SIGNED_OUT = /Your session has ended/;

const dashboard: Case[] = [
  ...DASHBOARD_PAGES.map((path) => signInPage(`${path} without a session`, path, () => "")),
  ...DASHBOARD_PAGES.map((path) => signInPage(`${path} with a reader's session`, path, () => reader)),
  signInPage("/dashboard with an admin session for a non-admin wallet (server's secret)", "/dashboard/payments", async () => `x402_admin_session=${await mintSession(nonAdmin.address, "admin")}`),
  signInPage("/dashboard with the admin's session signed with another secret", "/dashboard/payments", async () => `x402_admin_session=${await mintSession(anvilAccount(DEV_WALLET_ACCOUNT).address, "admin", OTHER_SECRET)}`),
  signInPage("/dashboard with a reader token for the admin's wallet in the admin cookie", "/dashboard/payments", async () => `x402_admin_session=${await mintSession(anvilAccount(DEV_WALLET_ACCOUNT).address, "reader")}`),
  signInPage("/dashboard with an alg-none admin session", "/dashboard/payments", () => {
    const claims = { iss: "x402-paywall", aud: "admin", sub: anvilAccount(DEV_WALLET_ACCOUNT).address, iat: nowSeconds(), exp: nowSeconds() + 3_600 };
    return `x402_admin_session=${jwtPart({ alg: "none" })}.${jwtPart(claims)}.`;
  }),
  {
    name: "CSV export without a session",
    request: () => get("/dashboard/payments/export"),
    status: 401,
    reason: "not_signed_in",
  },
  {
    name: "CSV export with a reader's session",
    request: () => get("/dashboard/payments/export", { Cookie: reader }),
    status: 401,
    reason: "not_signed_in",
  },
  {
    name: "CSV export with a non-admin wallet's admin session",
    request: async () => get("/dashboard/payments/export", { Cookie: `x402_admin_session=${await mintSession(nonAdmin.address, "admin")}` }),
    status: 401,
    reason: "not_signed_in",
  },
  {
    name: "admin sign-in by a wallet that is not an admin",
    request: () => signIn(nonAdmin, "/api/auth/session"),
    status: 403,
    reason: "not_admin",
  },
];

const actions: Case[] = [
  {
    name: "setResourceActive(C, false) without a session",
    request: () => postAction("/dashboard/resources/new", "setResourceActiveAction", [ids[C], false]),
    status: 200, // the action's own refusal, as the dashboard shows it (an RSC payload)
    says: SIGNED_OUT,
    after: cUnchanged,
  },
  {
    name: "setResourceActive(C, false) with a reader's session",
    request: () => postAction("/dashboard/resources/new", "setResourceActiveAction", [ids[C], false], { cookie: reader }),
    status: 200,
    says: SIGNED_OUT,
    after: cUnchanged,
  },
  {
    name: "updateResource(C: price 0.000001, payTo a stranger) without a session",
    request: () => postFormAction(`/dashboard/resources/${ids[C]}`, "updateResourceAction", [ids[C], { status: "idle" }], RESOURCE_FORM(stranger.address)),
    status: 200,
    says: SIGNED_OUT,
    after: cUnchanged,
  },
  {
    name: "updateResource(C: price 0.000001, payTo a stranger) with a reader's session",
    request: () =>
      postFormAction(`/dashboard/resources/${ids[C]}`, "updateResourceAction", [ids[C], { status: "idle" }], RESOURCE_FORM(stranger.address), { cookie: reader }),
    status: 200,
    says: SIGNED_OUT,
    after: cUnchanged,
  },
  {
    name: "updateResource with a non-admin wallet's admin session",
    request: async () =>
      postFormAction(`/dashboard/resources/${ids[C]}`, "updateResourceAction", [ids[C], { status: "idle" }], RESOURCE_FORM(stranger.address), {
        cookie: `x402_admin_session=${await mintSession(nonAdmin.address, "admin")}`,
      }),
    status: 200,
    says: SIGNED_OUT,
    after: cUnchanged,
  },
  {
    name: "createResource(/api/bad-input) with a reader's session",
    request: () =>
      postFormAction("/dashboard/resources/new", "createResourceAction", [{ status: "idle" }], { ...RESOURCE_FORM(stranger.address), kind: "api", path: "/api/bad-input" }, { cookie: reader }),
    status: 200,
    says: SIGNED_OUT,
    after: async () => expect(await (await fetch(`${SITE}/.well-known/x402`)).text()).not.toContain("/api/bad-input"),
  },
  {
    name: "saveArticle(new, published) without a session",
    request: () =>
      postFormAction("/dashboard/articles/new", "saveArticleAction", [null, { status: "idle" }], {
        title: "Planted",
        slug: `${TWIN_SLUG}-planted`,
        author: "Nobody",
        coverImageUrl: "",
        teaser: "Planted.",
        body: "Planted.",
        price: "0.01",
        accessAmount: "1",
        accessUnit: "days",
        intent: "publish",
      }),
    status: 200,
    says: SIGNED_OUT,
    after: async () => expect((await fetch(`${SITE}${TWIN}-planted`, { headers: JSON_ACCEPT })).status).toBe(404),
  },
  {
    name: "reconcilePayment(1) with a reader's session",
    request: () => postAction("/dashboard/settlement", "reconcilePaymentAction", [1], { cookie: reader }),
    status: 200,
    says: SIGNED_OUT,
  },
  {
    name: "cross-origin setResourceActive(C, false) with the admin's session",
    request: () => postAction("/dashboard/resources/new", "setResourceActiveAction", [ids[C], false], { cookie: admin, origin: "https://evil.example" }),
    status: 403,
    reason: "cross_origin_action",
    after: cUnchanged,
  },
  {
    name: "cross-origin updateResource with the admin's session",
    request: () =>
      postFormAction(`/dashboard/resources/${ids[C]}`, "updateResourceAction", [ids[C], { status: "idle" }], RESOURCE_FORM(stranger.address), {
        cookie: admin,
        origin: "https://evil.example",
      }),
    status: 403,
    reason: "cross_origin_action",
    after: cUnchanged,
  },
  {
    name: "cross-origin form post (no JavaScript: $ACTION_ID field) with the admin's session",
    request: () => {
      const form = new FormData();
      form.append(`$ACTION_ID_${ACTIONS.setResourceActiveAction}`, "");
      return fetch(`${SITE}/dashboard/resources/new`, {
        method: "POST",
        headers: { Origin: "https://evil.example", Cookie: admin },
        body: form,
        redirect: "manual",
      });
    },
    status: 403,
    reason: "cross_origin_action",
    after: cUnchanged,
  },
  {
    name: "setResourceActive from Origin: null with the admin's session",
    request: () => postAction("/dashboard/resources/new", "setResourceActiveAction", [ids[C], false], { cookie: admin, origin: "null" }),
    status: 403,
    reason: "cross_origin_action",
    after: cUnchanged,
  },
  {
    name: "same origin on another port, with the admin's session",
    request: () =>
      postAction("/dashboard/resources/new", "setResourceActiveAction", [ids[C], false], { cookie: admin, origin: SITE.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`) }),
    status: 403,
    reason: "cross_origin_action",
    after: cUnchanged,
  },
  {
    name: "an action id that is not one",
    request: () =>
      raw("/dashboard/resources/new", {
        method: "POST",
        headers: { "Next-Action": "00deadbeef", "Content-Type": "text/plain;charset=UTF-8", Cookie: admin, Origin: SITE },
        body: "[]",
      }),
    status: 400,
    says: /Invalid Server Action request/,
  },
  {
    name: "a server action posted to a paid article",
    request: () =>
      raw(A, {
        method: "POST",
        headers: { ...MARKDOWN, "Next-Action": ACTIONS.setResourceActiveAction, "Content-Type": "text/plain;charset=UTF-8", Cookie: admin, Origin: SITE },
        body: JSON.stringify([ids[A], false]),
      }),
    status: 402,
    reason: "payment_required",
    demands: A_PRICE,
  },
  ...[
    ["a JSON string", "text/plain;charset=UTF-8", '"garbage"'],
    ["text that is not JSON", "text/plain;charset=UTF-8", "xx"],
    ["JSON sent as application/json", "application/json", "[]"],
  ].map(([what, type, body]): Case => ({
    name: `a server action whose body is ${what} (Next would answer 500)`,
    request: () =>
      raw(`/dashboard/resources/${ids[C]}`, {
        method: "POST",
        headers: { "Next-Action": ACTIONS.setResourceActiveAction, "Content-Type": type!, Cookie: admin, Origin: SITE },
        body,
      }),
    status: 400,
    reason: "invalid_action_body",
    after: cUnchanged,
  })),
  {
    name: "a server action posted as multipart without its arguments in field 0 (Next would answer 500)",
    request: () => {
      const form = new FormData();
      form.append("a", "b");
      return fetch(`${SITE}/dashboard/resources/${ids[C]}`, {
        method: "POST",
        headers: { "Next-Action": ACTIONS.updateResourceAction, Cookie: admin, Origin: SITE },
        body: form,
        redirect: "manual",
      });
    },
    status: 400,
    reason: "invalid_action_body",
    after: cUnchanged,
  },
];

describe("dashboard", () => {
  it.for(dashboard)("$name", check);
});

describe("server actions", () => {
  it.for(actions)("$name", check);
});

// ── Methods and headers ─────────────────────────────────────────────────────────────────────────

const methods: Case[] = [
  { name: "HEAD on a paid article", request: () => raw(A, { method: "HEAD", headers: MARKDOWN }), status: 402, demands: A_PRICE },
  { name: "HEAD on the paid API", request: () => raw(API, { method: "HEAD" }), status: 402, demands: API_PRICE },
  { name: "OPTIONS on a paid article", request: () => raw(A, { method: "OPTIONS", headers: MARKDOWN }), status: 402, reason: "payment_required" },
  // Next answers OPTIONS for a route handler that exports none with 204 and an Allow header.
  { name: "OPTIONS on the paid API", request: () => raw(API, { method: "OPTIONS" }), status: 204 },
  { name: "POST on a paid article", request: () => raw(A, { method: "POST", headers: MARKDOWN, body: "" }), status: 402, reason: "payment_required", demands: A_PRICE },
  { name: "PUT on a paid article", request: () => raw(A, { method: "PUT", headers: MARKDOWN, body: "" }), status: 402, reason: "payment_required", demands: A_PRICE },
  { name: "POST on the paid API (GET only)", request: () => raw(API, { method: "POST", body: "" }), status: 405 },
  {
    name: "POST with X-HTTP-Method-Override: GET on the API",
    request: () => raw(API, { method: "POST", headers: { "X-HTTP-Method-Override": "GET", "X-Method-Override": "GET" }, body: "" }),
    status: 405,
  },
  {
    name: "POST with X-HTTP-Method-Override: GET on an article",
    request: () => raw(A, { method: "POST", headers: { ...MARKDOWN, "X-HTTP-Method-Override": "GET" }, body: "" }),
    status: 402,
    demands: A_PRICE,
  },
  { name: "Range: bytes=0- (markdown)", request: () => get(A, { ...MARKDOWN, Range: "bytes=0-" }), status: 402, demands: A_PRICE },
  { name: "Range into the body (browser)", request: () => get(A, { ...BROWSER, Range: "bytes=4000-12000" }), status: 402, demands: A_PRICE },
  { name: "RSC: 1", request: () => get(A, { RSC: "1", Accept: "*/*" }), status: 402, demands: A_PRICE },
  { name: "RSC prefetch", request: () => get(A, { RSC: "1", "Next-Router-Prefetch": "1", Accept: "*/*" }), status: 402, demands: A_PRICE },
  { name: "RSC segment prefetch", request: () => get(A, { RSC: "1", "Next-Router-Segment-Prefetch": "/_tree", Accept: "*/*" }), status: 402, demands: A_PRICE },
  { name: "Accept: text/x-component", request: () => get(A, { Accept: "text/x-component" }), status: 402, demands: A_PRICE },
  { name: "?_rsc= with RSC: 1", request: () => get(`${A}?_rsc=abcde`, { RSC: "1" }), status: 402, demands: A_PRICE },
  { name: "the .segments/ prefetch path", request: () => get(`${A}.segments/_tree.segment.rsc`, { RSC: "1" }), status: 404 },
  {
    name: "x-middleware-subrequest (the CVE-2025-29927 proxy bypass)",
    request: () => get(A, { ...MARKDOWN, "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware" }),
    status: 402,
    demands: A_PRICE,
  },
  { name: "x-matched-path: /", request: () => get(A, { ...MARKDOWN, "x-matched-path": "/" }), status: 402, demands: A_PRICE },
  { name: "x-invoke-path: /", request: () => get(A, { ...MARKDOWN, "x-invoke-path": "/", "x-invoke-query": "{}" }), status: 402, demands: A_PRICE },
  { name: "x-prerender-revalidate", request: () => get(A, { ...MARKDOWN, "x-prerender-revalidate": "1" }), status: 402, demands: A_PRICE },
  {
    name: "a spoofed Host and X-Forwarded-Host",
    request: () => get(A, { ...JSON_ACCEPT, Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" }),
    status: 402,
    demands: A_PRICE,
  },
  {
    name: "SIGN-IN-WITH-X junk",
    request: () => get(A, { ...JSON_ACCEPT, "SIGN-IN-WITH-X": "junk" }),
    status: 402,
    demands: A_PRICE,
  },
  {
    name: "SIGN-IN-WITH-X base64 of a wrong shape",
    request: () => get(A, { ...JSON_ACCEPT, "SIGN-IN-WITH-X": encodeJson({ address: payer.address, signature: "0x00" }) }),
    status: 402,
    demands: A_PRICE,
  },
];

describe("methods and headers", () => {
  it.for(methods)("$name", check);
});

// ── Around the whole battery ────────────────────────────────────────────────────────────────────

describe("after the battery", () => {
  it(`${1 + malformedPayments.length + wrongTerms.length + forgedPayments.length + elsewhere.length + v1Payments.length + grants.length + paths.length + dashboard.length + actions.length + methods.length} cases left the ledger and both balances as they were`, async () => {
    expect(await readLedger(admin)).toEqual(ledgerBefore);
    expect(await usdcOf(PAY_TO)).toBe(payToBefore);
    expect(await usdcOf(payer.address)).toBe(payerBefore);
  });
});
