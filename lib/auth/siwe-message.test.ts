import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSiweMessage } from "viem/siwe";
import { checkSiweMessage, type SiweExpectations } from "./siwe-message";

const ADDRESS = "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC";
const NOW = Date.parse("2026-03-01T12:00:00Z");
const SITE: SiweExpectations = { origin: "https://paywall.example", network: { chainId: 8453, label: "Base" }, now: NOW };

const valid = createSiweMessage({
  domain: "paywall.example",
  address: ADDRESS,
  statement: "Sign in to the publisher dashboard.",
  uri: "https://paywall.example",
  version: "1",
  chainId: 8453,
  nonce: "abcdefgh12345678",
  issuedAt: new Date(NOW - 1_000),
  expirationTime: new Date(NOW + 600_000),
  notBefore: new Date(NOW - 1_000),
});
const LINES = valid.split("\n");

const withField = (field: string, value: string) => valid.replace(new RegExp(`^${field}: .*$`, "m"), `${field}: ${value}`);
const check = (message: string) => checkSiweMessage(message, SITE);

describe("checkSiweMessage", () => {
  it("accepts a message for this site, now", () => {
    expect(check(valid)).toEqual({ ok: true, address: ADDRESS, nonce: "abcdefgh12345678" });
  });

  it("returns the signer's address checksummed", () => {
    expect(check(valid.replace(ADDRESS, ADDRESS.toLowerCase()))).toMatchObject({ ok: true, address: ADDRESS });
  });

  it.each([
    ["text that is not a message", "hello", 400, "invalid_message"],
    ["a URI that is not a URL", withField("URI", "foo"), 400, "invalid_uri"],
    ["a URI of another site", withField("URI", "https://evil.example/login"), 401, "wrong_uri"],
    ["a nonce too short to be one", withField("Nonce", "0"), 400, "malformed_nonce"],
    ["another version", withField("Version", "2"), 400, "invalid_version"],
    ["another chain", withField("Chain ID", "1"), 401, "wrong_chain"],
    ["a chain id beyond any integer", withField("Chain ID", "9".repeat(40)), 401, "wrong_chain"],
    ["an Issued At that is not a date", withField("Issued At", "yesterday"), 400, "invalid_issued_at"],
    ["an Issued At out of range", withField("Issued At", "2026-13-45T99:99:99Z"), 400, "invalid_issued_at"],
    ["an Issued At in the future", withField("Issued At", new Date(NOW + 3_600_000).toISOString()), 401, "stale_message"],
    ["an old Issued At", withField("Issued At", new Date(NOW - 3_600_000).toISOString()), 401, "stale_message"],
    ["an Expiration Time that is not a date", withField("Expiration Time", "never"), 400, "invalid_expiration_time"],
    ["an Expiration Time passed", withField("Expiration Time", new Date(NOW - 1).toISOString()), 401, "expired_message"],
    ["a Not Before that is not a date", withField("Not Before", "soon"), 400, "invalid_not_before"],
    ["a Not Before in the future", withField("Not Before", new Date(NOW + 60_000).toISOString()), 401, "not_yet_valid"],
    ["another domain", valid.replace(/^paywall\.example/, "evil.example"), 401, "wrong_domain"],
    ["another scheme", `http://${valid}`, 401, "wrong_scheme"],
  ])("refuses %s", (_case, message, status, error) => {
    expect(check(message)).toMatchObject({ ok: false, status, error });
  });

  it("answers any text with a refusal, never an exception", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 1_000 }), (message) => {
        expect(check(message)).toMatchObject({ ok: false, status: expect.toBeOneOf([400, 401]) });
      }),
      { numRuns: 2_000 },
    );
  });

  it("answers a message with any line replaced by any text with a refusal or the same signer, never an exception", () => {
    fc.assert(
      fc.property(fc.nat({ max: LINES.length - 1 }), fc.string({ unit: "binary", maxLength: 120 }), (line, text) => {
        const mutated = LINES.with(line, text).join("\n");
        const result = check(mutated);
        // Some lines (the statement, an optional field) may go without changing who signs in.
        expect(result.ok ? result.address : result.status).toBeOneOf([ADDRESS, 400, 401]);
      }),
      { numRuns: 2_000 },
    );
  });

  it("answers a message with any field's value replaced by any text with a refusal or the same signer, never an exception", () => {
    const fields = ["URI", "Version", "Chain ID", "Nonce", "Issued At", "Expiration Time", "Not Before"];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({ unit: "grapheme", maxLength: 60 }), (field, value) => {
        const result = check(withField(field, value));
        // A value may still be a valid one (another nonce, an empty optional field the parser skips).
        expect(result.ok ? result.address : result.status).toBeOneOf([ADDRESS, 400, 401]);
      }),
      { numRuns: 2_000 },
    );
  });
});
