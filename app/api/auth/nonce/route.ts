import { issueSiweNonce } from "@/lib/auth/siwe";

export const dynamic = "force-dynamic";

/** A fresh single-use nonce for a Sign-In with Ethereum message. */
export async function GET() {
  return Response.json({ nonce: await issueSiweNonce() }, { headers: { "Cache-Control": "no-store" } });
}
