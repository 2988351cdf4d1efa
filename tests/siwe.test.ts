/** Sign-In with Ethereum for the dashboard: every check that keeps a signed message from opening the wrong door. */
import { beforeAll, describe, expect, it } from "vitest";
import { createSiweMessage } from "viem/siwe";
import { issueSiweNonce, verifyAdminSignIn, verifySignIn } from "@/lib/auth/siwe";
import { env } from "@/lib/env";
import { resetDatabase } from "./support/db";
import { ORIGIN, payer } from "./support/x402";

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
