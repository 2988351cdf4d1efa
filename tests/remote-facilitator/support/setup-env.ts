/**
 * Runs after tests/support/setup-env.ts, before the app's modules load: starts a stand-in for
 * Coinbase's CDP facilitator that accepts only requests carrying a valid CDP bearer JWT, and
 * configures the app as a CDP deployment pointed at it (CDP keys, FACILITATOR_URL override).
 */
import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, importSPKI, jwtVerify } from "jose";
import { inject } from "vitest";
import { NETWORKS } from "@/lib/networks";
import { startStandInFacilitator, type StandInFacilitator } from "../../support/stand-in-facilitator";

export const CDP_KEY_ID = "organizations/x402-paywall-tests/apiKeys/stand-in";
/** What CDP's JWTs name as the host, whatever URL the requests go to. */
export const CDP_HOST_AND_ROUTE = "api.cdp.coinbase.com/platform/v2/x402";
/** Short, so the "no answer" faults cost a test little time. */
export const FACILITATOR_TIMEOUT_MS = 1_500;

// A CDP API key of the EC kind: the secret is a PKCS#8 PEM, the public half verifies its JWTs.
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const verificationKey = await importSPKI(publicKey.export({ type: "spki", format: "pem" }).toString(), "ES256");

const shared = globalThis as { cdpStandIn?: StandInFacilitator };
shared.cdpStandIn ??= await startStandInFacilitator({
  rpcUrl: inject("rpcUrl"),
  network: NETWORKS.local,
  async authorize(request) {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!token) return "no bearer token";
    try {
      await jwtVerify(token, verificationKey, { issuer: "cdp", subject: CDP_KEY_ID, algorithms: ["ES256"] });
    } catch (error) {
      return `invalid token: ${String(error)}`;
    }
    const uri = `${request.method} ${CDP_HOST_AND_ROUTE}${request.path}`;
    const { uris } = decodeJwt(token) as { uris?: string[] };
    return uris?.includes(uri) ? undefined : `token is for ${String(uris)}, not ${uri}`;
  },
});
export const standIn = shared.cdpStandIn;

process.env.CDP_API_KEY_ID = CDP_KEY_ID;
process.env.CDP_API_KEY_SECRET = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
process.env.FACILITATOR_URL = standIn.url;
process.env.FACILITATOR_TIMEOUT_MS = String(FACILITATOR_TIMEOUT_MS);
