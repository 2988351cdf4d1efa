/** Sign-In with Ethereum for the dashboard: every check that keeps a signed message from opening the wrong door. */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createSiweMessage } from "viem/siwe";
import { POST as readerSignIn } from "@/app/api/reader/session/route";
import { issueSiweNonce, verifyAdminSignIn, verifySignIn } from "@/lib/auth/siwe";
import { env } from "@/lib/env";
import { resetDatabase } from "./support/db";
import { fetchFor, ORIGIN, payer } from "./support/x402";

const admin = payer(1);
const outsider = payer(6);

async function signedMessage(account = admin, overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
  const message = createSiweMessage({
    domain: new URL(ORIGIN).host,
    address: account.address,
    statement: "Sign in to the publisher dashboard.",
    uri: ORIGIN,
    version: "1",
    chainId: env.network.chainId,
    nonce: await issueSiweNonce(),
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 600_000),
    ...overrides,
  });
  return { message, signature: await account.signMessage({ message }) };
}

/** `message` with its `field:` line's value replaced (createSiweMessage refuses to write bad fields). */
const withField = (message: string, field: string, value: string) =>
  message.replace(new RegExp(`^${field}: .*$`, "m"), `${field}: ${value}`);

/** The message with one field rewritten, signed by the wallet it names: only the field can fail it. */
async function signedWithField(field: string, value: string, account = admin) {
  const message = withField((await signedMessage(account)).message, field, value);
  return { message, signature: await account.signMessage({ message }), origin: ORIGIN };
}

/** A request body that never ends, as a slow or hostile client sends it. */
const endlessBody = () =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
  });

beforeAll(async () => {
  await resetDatabase();
});

describe("verifySignIn", () => {
  it("lets an allowlisted wallet in, once per nonce", async () => {
    const signed = await signedMessage();
    expect(await verifyAdminSignIn({ ...signed, origin: ORIGIN })).toEqual({ ok: true, address: admin.address });
    expect(await verifySignIn({ ...signed, origin: ORIGIN })).toMatchObject({ ok: false, status: 401, error: "invalid_nonce" });
  });

  it("lets any wallet prove who it is, but only an allowlisted one in as admin (403)", async () => {
    expect(await verifySignIn({ ...(await signedMessage(outsider)), origin: ORIGIN })).toEqual({ ok: true, address: outsider.address });
    expect(await verifyAdminSignIn({ ...(await signedMessage(outsider)), origin: ORIGIN })).toMatchObject({
      ok: false,
      status: 403,
      error: "not_admin",
    });
  });

  it.each([
    ["another domain", { domain: "evil.example" }, "wrong_domain"],
    ["another origin", { uri: "https://evil.example/login" }, "wrong_uri"],
    ["another chain", { chainId: 1 }, "wrong_chain"],
    ["an expired message", { expirationTime: new Date(Date.now() - 1_000) }, "expired_message"],
    ["an old message", { issuedAt: new Date(Date.now() - 3_600_000) }, "stale_message"],
    ["a message from the future", { issuedAt: new Date(Date.now() + 3_600_000) }, "stale_message"],
    ["a nonce the server never issued", { nonce: "abcdefgh12345678" }, "invalid_nonce"],
  ])("refuses %s", async (_case, overrides, error) => {
    expect(await verifySignIn({ ...(await signedMessage(admin, overrides)), origin: ORIGIN })).toMatchObject({ ok: false, error });
  });

  it("refuses a signature over another message", async () => {
    const { message } = await signedMessage();
    const { signature } = await signedMessage();
    expect(await verifySignIn({ message, signature, origin: ORIGIN })).toMatchObject({ ok: false, error: "invalid_signature" });
  });

  it("refuses a message signed by someone else for the admin's address", async () => {
    const { message } = await signedMessage();
    const signature = await outsider.signMessage({ message });
    expect(await verifySignIn({ message, signature, origin: ORIGIN })).toMatchObject({ ok: false, error: "invalid_signature" });
  });

  it("refuses text that is not a SIWE message (400)", async () => {
    const signature = await admin.signMessage({ message: "hello" });
    expect(await verifySignIn({ message: "hello", signature, origin: ORIGIN })).toMatchObject({ ok: false, status: 400 });
  });
});

describe("verifySignIn on hostile fields (signed by the wallet they name)", () => {
  it.each([
    ["a URI that is not a URL", "URI", "foo", 400, "invalid_uri"],
    ["an Issued At that is not a date", "Issued At", "yesterday", 400, "invalid_issued_at"],
    ["an Issued At out of range", "Issued At", "2024-13-45T99:99:99Z", 400, "invalid_issued_at"],
    ["an Expiration Time that is not a date", "Expiration Time", "never", 400, "invalid_expiration_time"],
    ["a Not Before that is not a date", "Not Before", "soon", 400, "invalid_not_before"],
    ["another SIWE version", "Version", "2", 400, "invalid_version"],
    ["a chain id beyond any integer", "Chain ID", "9".repeat(40), 401, "wrong_chain"],
  ])("refuses %s", async (_case, field, value, status, error) => {
    const signed = await signedWithField(field, value);
    // Messages without the optional line get it added, so each case really carries the field.
    const message = signed.message.includes(`${field}: `) ? signed.message : `${signed.message}\n${field}: ${value}`;
    const input = { message, signature: await admin.signMessage({ message }), origin: ORIGIN };
    expect(await verifySignIn(input)).toMatchObject({ ok: false, status, error });
  });

  it("refuses a message that is not valid before a future time (401)", async () => {
    const notBefore = new Date(Date.now() + 3_600_000);
    const signed = await signedMessage(admin, { notBefore });
    expect(await verifySignIn({ ...signed, origin: ORIGIN })).toMatchObject({ ok: false, status: 401, error: "not_yet_valid" });
  });

  it("refuses a message for another scheme (401)", async () => {
    const { message } = await signedMessage();
    const https = `https://${message}`;
    const input = { message: https, signature: await admin.signMessage({ message: https }), origin: ORIGIN };
    expect(await verifySignIn(input)).toMatchObject({ ok: false, status: 401, error: "wrong_scheme" });
  });

  it("answers the sign-in route with a 400 and a reason, never a 500", async () => {
    const signIn = fetchFor(readerSignIn);
    const post = (body: unknown) =>
      signIn(`${ORIGIN}/api/reader/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const uriFoo = await signedWithField("URI", "foo");
    const answers = await Promise.all([
      post({ message: uriFoo.message, signature: uriFoo.signature }),
      post({ message: uriFoo.message, signature: "0xnothex" }),
      post({ message: uriFoo.message, signature: `0x${"ab".repeat(20_000)}` }),
      post({ message: "x".repeat(100_000), signature: uriFoo.signature }),
      post({ message: 42, signature: uriFoo.signature }),
      signIn(`${ORIGIN}/api/reader/session`, { method: "POST", body: endlessBody(), duplex: "half" } as RequestInit),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
  });

  /** A refusal with a reason, or the wallet that signed: never an exception, never someone else. */
  const outcome = (result: Awaited<ReturnType<typeof verifySignIn>>) => (result.ok ? result.address : result.status);

  it("answers any text with a 400/401 and never throws", async () => {
    const { signature } = await signedMessage();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 600 }), async (message) => {
        expect(outcome(await verifySignIn({ message, signature, origin: ORIGIN }))).toBeOneOf([400, 401]);
      }),
      { numRuns: 150 },
    );
  });

  it("answers a signed message with any line replaced by any text with a 400/401 (or its signer) and never throws", async () => {
    const lines = (await signedMessage(admin, { notBefore: new Date(Date.now() - 1_000) })).message.split("\n");
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: lines.length - 1 }), fc.string({ unit: "grapheme", maxLength: 80 }), async (line, text) => {
        const message = lines.with(line, text).join("\n");
        const result = await verifySignIn({ message, signature: await admin.signMessage({ message }), origin: ORIGIN });
        expect(outcome(result)).toBeOneOf([admin.address, 400, 401]);
      }),
      { numRuns: 150 },
    );
  });
});
