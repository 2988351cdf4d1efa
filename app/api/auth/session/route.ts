import { NextResponse, type NextRequest } from "next/server";
import { createSessionCookie, SESSION_COOKIE } from "@/lib/auth/session";
import { verifyAdminSignIn } from "@/lib/auth/siwe";
import { readSignInBody } from "@/lib/auth/sign-in-body";
import { env } from "@/lib/env";

/** Sign in: a SIWE message signed by an allowlisted wallet opens an admin session. */
export async function POST(request: NextRequest) {
  const body = await readSignInBody(request);
  if (!body) {
    return NextResponse.json({ error: "invalid_request", message: "Send { message, signature } as JSON." }, { status: 400 });
  }
  const result = await verifyAdminSignIn({ ...body, origin: env.siteUrl });
  if (!result.ok) return NextResponse.json({ error: result.error, message: result.message }, { status: result.status });

  const response = NextResponse.json({ address: result.address });
  const cookie = await createSessionCookie(result.address, "admin");
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

/** Sign out. */
export async function DELETE() {
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
