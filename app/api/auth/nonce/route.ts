import type { NextRequest } from "next/server";
import { allowNonceIssuance } from "@/lib/auth/nonce-limit";
import { issueSiweNonce } from "@/lib/auth/siwe";
import { clientKey } from "@/lib/server/client-address";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** A fresh single-use nonce for a Sign-In with Ethereum message, within the client's rate limit. */
export async function GET(request: NextRequest) {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const allowance = await allowNonceIssuance(clientKey(request.headers, env.clientIpHeader));
  if (!allowance.ok) {
    if (allowance.status === 429) headers.set("Retry-After", String(allowance.retryAfterSeconds));
    return Response.json({ error: allowance.error, message: allowance.message }, { status: allowance.status, headers });
  }
  try {
    return Response.json({ nonce: await issueSiweNonce() }, { headers });
  } catch (error) {
    console.error("[auth] cannot store a sign-in nonce", error);
    const message = "Sign-in is unavailable right now (the database can't be reached); try again shortly.";
    return Response.json({ error: "nonce_store_unavailable", message }, { status: 503, headers });
  }
}
