import { NextResponse, type NextRequest } from "next/server";
import { createSessionCookie, READER_SESSION_COOKIE } from "@/lib/auth/session";
import { verifySignIn } from "@/lib/auth/siwe";
import { readSignInBody } from "@/lib/auth/sign-in-body";
import { env } from "@/lib/env";

/** A reader signs in with any wallet, to see that wallet's purchases. */
export async function POST(request: NextRequest) {
  const body = await readSignInBody(request);
  if (!body) {
    return NextResponse.json({ error: "invalid_request", message: "Send { message, signature } as JSON." }, { status: 400 });
  }
  const result = await verifySignIn({ ...body, origin: env.siteUrl });
  if (!result.ok) return NextResponse.json({ error: result.error, message: result.message }, { status: result.status });

  const response = NextResponse.json({ address: result.address });
  const cookie = await createSessionCookie(result.address, "reader");
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

export async function DELETE() {
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(READER_SESSION_COOKIE);
  return response;
}
