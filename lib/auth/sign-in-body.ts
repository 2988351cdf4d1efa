import { z } from "zod";

/** What a sign-in request carries: the SIWE message and the wallet's signature over it. */
export const signInBody = z.object({
  message: z.string().min(1).max(4_000),
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]+$/, "must be hex")
    .max(20_000)
    .transform((value) => value as `0x${string}`),
});
