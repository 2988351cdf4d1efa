/** The admin gate for dashboard pages, route handlers and server actions. */
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { readAdminSession, type AdminSession } from "./session";

export const SIGN_IN_PATH = "/dashboard/sign-in";

/** The signed-in admin, or a redirect to the sign-in page. Call it in every dashboard entry point. */
export async function requireAdmin(): Promise<AdminSession> {
  const session = await readAdminSession(await cookies());
  if (!session) redirect(SIGN_IN_PATH);
  return session;
}

export async function currentAdmin(): Promise<AdminSession | undefined> {
  return readAdminSession(await cookies());
}
