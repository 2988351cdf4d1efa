import { z } from "zod";
import { sentAsJson } from "@/lib/server/json-request";

/** What a sign-in request carries: the SIWE message and the wallet's signature over it. */
const signInBody = z.object({
  message: z.string().min(1).max(4_000),
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]+$/, "must be hex")
    .max(20_000)
    .transform((value) => value as `0x${string}`),
});

export type SignInBody = z.infer<typeof signInBody>;

/** Room for the longest message and signature `signInBody` accepts, as JSON. */
const MAX_BODY_BYTES = 32 * 1024;

/** The body's bytes, or undefined once it passes `maxBytes`: a body that never ends is not waited for. */
async function readAtMost(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The sign-in request's JSON body, or undefined when it is not sent as JSON (another site's page
 * would sign the visitor's browser into the attacker's wallet), too long, not JSON or not a sign-in.
 */
export async function readSignInBody(request: Request): Promise<SignInBody | undefined> {
  if (!sentAsJson(request)) return undefined;
  const bytes = await readAtMost(request.body, MAX_BODY_BYTES).catch(() => undefined);
  if (!bytes) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  const parsed = signInBody.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
