/**
 * What a publisher may sell and how it is entered: the rules of the resource form, shared by the
 * server action (which enforces them) and the form (which explains them). No server imports.
 */
import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { AmountError, parseUsdc } from "@/lib/format/money";

export const RESOURCE_KINDS = ["page", "api", "pass"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const ACCESS_UNITS = { minutes: 60, hours: 3_600, days: 86_400 } as const;
export type AccessUnit = keyof typeof ACCESS_UNITS;

/** Paths the app itself serves: never for sale. */
const RESERVED_PREFIXES = ["/_next", "/dashboard", "/api/auth", "/api/health", "/.well-known"];
/** One year: longer grants are a subscription, which is not what this sells. */
export const MAX_ACCESS_SECONDS = 366 * 86_400;
/** 1,000,000 USDC in atomic units: a guard against typos, not a business rule. */
export const MAX_PRICE = 1_000_000_000_000n;

/** Why `path` cannot be sold as `kind`, or `undefined` when it can. */
export function pathProblem(kind: ResourceKind, path: string): string | undefined {
  if (!path.startsWith("/")) return "Start the path with /.";
  if (path.length > 200) return "Keep the path under 200 characters.";
  if (!/^\/[a-z0-9\-_./]*$/.test(path)) return "Use lower-case letters, digits, -, _, . and / only.";
  if (path !== "/" && path.endsWith("/")) return "Leave out the trailing slash.";
  if (path.includes("//")) return "Use single slashes.";
  if (path.split("/").some((segment) => segment === "." || segment === "..")) return "No . or .. segments.";
  if (RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
    return "This path belongs to the app itself.";
  }
  if (kind === "page" && !/^\/articles\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(path)) {
    return "Pages are articles: /articles/<slug>, with a slug of lower-case words joined by -.";
  }
  if (kind === "api" && !path.startsWith("/api/")) return "API routes live under /api/.";
  if (kind === "pass" && !/^\/passes\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(path)) {
    return "Passes are sold at /passes/<slug>, with a slug of lower-case words joined by -.";
  }
  return undefined;
}

/** Splits seconds into the largest unit that divides them, for the form's two inputs. */
export function accessWindowParts(seconds: number): { amount: number; unit: AccessUnit } {
  if (seconds > 0 && seconds % ACCESS_UNITS.days === 0) return { amount: seconds / ACCESS_UNITS.days, unit: "days" };
  if (seconds > 0 && seconds % ACCESS_UNITS.hours === 0) return { amount: seconds / ACCESS_UNITS.hours, unit: "hours" };
  return { amount: Math.round(seconds / ACCESS_UNITS.minutes), unit: "minutes" };
}

/** A price typed in USDC ("0.05"), as atomic units: more than 0, at most MAX_PRICE, ≤ 6 decimals. */
export const priceField = z.string().transform((text, context) => {
  try {
    const atomic = parseUsdc(text);
    if (atomic <= 0n) context.addIssue({ code: "custom", message: "The price must be more than 0." });
    else if (atomic > MAX_PRICE) context.addIssue({ code: "custom", message: "That price is over 1,000,000 USDC." });
    return atomic;
  } catch (error) {
    context.addIssue({ code: "custom", message: error instanceof AmountError ? error.message : "Not a price." });
    return z.NEVER;
  }
});

/** An access window typed as a number and a unit; checked against MAX_ACCESS_SECONDS by `accessProblem`. */
export const accessFields = {
  accessAmount: z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(0, "Use 0 for pay-per-request, or more."),
  accessUnit: z.enum(Object.keys(ACCESS_UNITS) as [AccessUnit, ...AccessUnit[]]),
};

export function accessSeconds(form: { accessAmount: number; accessUnit: AccessUnit }): number {
  return form.accessAmount * ACCESS_UNITS[form.accessUnit];
}

export function accessProblem(form: { accessAmount: number; accessUnit: AccessUnit }): string | undefined {
  return accessSeconds(form) > MAX_ACCESS_SECONDS ? "At most one year." : undefined;
}

/** The first message for each field of a failed parse, as forms show them. */
export function firstErrors<Field extends string>(error: z.ZodError): Partial<Record<Field, string>> {
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  return fieldErrors;
}

const resourceForm = z
  .object({
    kind: z.enum(RESOURCE_KINDS, { error: "Choose an API route or a pass." }),
    path: z.string().trim(),
    title: z.string().trim().min(1, "Give it a title.").max(200, "Keep the title under 200 characters."),
    description: z.string().trim().max(1_000, "Keep the description under 1,000 characters."),
    price: priceField,
    ...accessFields,
    payTo: z
      .string()
      .trim()
      .refine((value) => isAddress(value, { strict: false }), "Enter a 0x address (40 hex digits).")
      .transform((value) => getAddress(value)),
  })
  .superRefine((form, context) => {
    const problem = pathProblem(form.kind, form.path);
    if (problem) context.addIssue({ code: "custom", path: ["path"], message: problem });
    const tooLong = accessProblem(form);
    if (tooLong) context.addIssue({ code: "custom", path: ["accessAmount"], message: tooLong });
    if (form.kind === "pass" && form.accessAmount === 0) {
      context.addIssue({ code: "custom", path: ["accessAmount"], message: "A pass needs an access window." });
    }
  });

export interface ResourceInput {
  kind: ResourceKind;
  path: string;
  title: string;
  description: string;
  /** Atomic USDC units. */
  price: bigint;
  accessSeconds: number;
  payTo: string;
}

export type FieldErrors = Partial<Record<keyof z.input<typeof resourceForm>, string>>;

export type ParsedResourceForm = { ok: true; value: ResourceInput } | { ok: false; fieldErrors: FieldErrors };

/** Validates the resource form's raw values (strings, as a browser posts them). */
export function parseResourceForm(raw: Record<string, unknown>): ParsedResourceForm {
  const parsed = resourceForm.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: firstErrors(parsed.error) };
  const { accessAmount, accessUnit, ...value } = parsed.data;
  return { ok: true, value: { ...value, accessSeconds: accessSeconds({ accessAmount, accessUnit }) } };
}

/** What the resource form shows and the server action answers (the form's state between submits). */
export interface ResourceFormValues {
  kind: ResourceKind;
  path: string;
  title: string;
  description: string;
  price: string;
  accessAmount: string;
  accessUnit: AccessUnit;
  payTo: string;
}

export type ResourceFormState =
  | { status: "idle" }
  | { status: "saved"; message: string }
  | { status: "error"; message?: string; fieldErrors?: FieldErrors; values?: Partial<ResourceFormValues> };
