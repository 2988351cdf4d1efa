import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { createSessionCookie, SESSION_COOKIE } from "@/lib/auth/session";
import { verifySignIn } from "@/lib/auth/siwe";
import { env } from "@/lib/env";

const signInBody = z.object({
  message: z.string().min(1).max(4_000),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "must be hex").max(20_000),
});

/** Sign in: a SIWE message signed by an allowlisted wallet opens an admin session. */
export async function POST(request: NextRequest) {
  const parsed = signInBody.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return NextResponse.json({ error: "invalid_request", message: "Send { message, signature } as JSON." }, { status: 400 });
  }
  const origin = env.siteUrl;
  const result = await verifySignIn({ message: parsed.data.message, signature: parsed.data.signature as `0x${string}`, origin });
  if (!result.ok) return NextResponse.json({ error: result.error, message: result.message }, { status: result.status });

  const response = NextResponse.json({ address: result.address });
  const cookie = await createSessionCookie(result.address, origin.startsWith("https:"));
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

/** Sign out. */
export async function DELETE() {
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
