"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ResourceFormState } from "@/lib/resources/rules";
import { currentAdmin } from "@/lib/auth/admin";
import { createResource, findResource, updateResource } from "@/lib/db/queries/resources";
import { env } from "@/lib/env";
import { parseResourceForm, type FieldErrors } from "@/lib/resources/rules";
import { invalidateCatalog } from "@/lib/x402/catalog";

const SIGNED_OUT: ResourceFormState = { status: "error", message: "Your session has ended. Sign in again to save." };
const PATH_TAKEN: FieldErrors = { path: "Another resource already uses this path." };

function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Prices changed here reach this instance's next 402 at once, and other instances within the catalog TTL. */
function afterWrite(id?: number) {
  invalidateCatalog();
  revalidatePath("/dashboard", "layout");
  if (id !== undefined) revalidatePath(`/dashboard/resources/${id}`);
  revalidatePath("/");
}

export async function createResourceAction(_state: ResourceFormState, form: FormData): Promise<ResourceFormState> {
  const admin = await currentAdmin();
  if (!admin) return SIGNED_OUT;
  // Pages are articles: they are created with their content, under Articles.
  const values = formValues(form);
  if (values.kind === "page") return { status: "error", fieldErrors: { kind: "Create articles under Articles." }, values };
  const parsed = parseResourceForm(values);
  if (!parsed.ok) return { status: "error", fieldErrors: parsed.fieldErrors, values };

  const result = await createResource(
    { ...parsed.value, network: env.network.caip2, asset: env.network.usdc.address },
    admin.address,
  );
  if (!result.ok) return { status: "error", fieldErrors: PATH_TAKEN, values };
  afterWrite(result.resource.id);
  redirect(`/dashboard/resources/${result.resource.id}`);
}

export async function updateResourceAction(id: number, _state: ResourceFormState, form: FormData): Promise<ResourceFormState> {
  const admin = await currentAdmin();
  if (!admin) return SIGNED_OUT;
  const existing = await findResource(id);
  if (!existing) return { status: "error", message: "This resource no longer exists." };
  // The kind never changes, and an article's path follows its slug: neither comes from the form.
  const values = {
    ...formValues(form),
    kind: existing.kind,
    ...(existing.kind === "page" ? { path: existing.path } : {}),
  };
  const parsed = parseResourceForm(values);
  if (!parsed.ok) return { status: "error", fieldErrors: parsed.fieldErrors, values };

  const { path, title, description, price, accessSeconds, payTo } = parsed.value;
  const changes = { path, title, description, price, accessSeconds, payTo };
  const unchanged = (Object.keys(changes) as (keyof typeof changes)[]).every((key) => changes[key] === existing[key]);
  if (unchanged) return { status: "saved", message: "Nothing changed." };

  const result = await updateResource(id, changes, admin.address);
  if (!result.ok) {
    return result.reason === "path_taken"
      ? { status: "error", fieldErrors: PATH_TAKEN, values }
      : { status: "error", message: "This resource no longer exists." };
  }
  afterWrite(id);
  return { status: "saved", message: "Saved. The next 402 carries the new terms." };
}

export async function setResourceActiveAction(id: number, active: boolean): Promise<{ ok: boolean; message: string }> {
  const admin = await currentAdmin();
  if (!admin) return { ok: false, message: "Your session has ended. Sign in again." };
  const result = await updateResource(id, { active }, admin.address, active ? "resource.activate" : "resource.deactivate");
  if (!result.ok) return { ok: false, message: "This resource no longer exists." };
  afterWrite(id);
  return { ok: true, message: active ? "Activated: it is for sale again." : "Deactivated: it is no longer for sale." };
}
