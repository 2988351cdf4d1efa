/**
 * The shape Next expects of a server action's body, checked before Next reads it: a body it
 * cannot decode makes Next answer 500 (to anyone, signed in or not), where bad input deserves a
 * 400 with a reason. Next (React's `encodeReply`) sends an action's arguments as a JSON array in a
 * text body, or, when they include a form, as multipart fields with that array in field "0".
 *
 * React's encoding also gives strings that start with `$` a meaning (references to other parts,
 * streams, promises, paths into objects): a client can name parts that are not there, or paths
 * through prototypes, and the decoder throws. This app's actions take plain values (ids, flags,
 * strings) and, from forms, the form itself (`$K<n>`), so those are the only references allowed.
 *
 * Written here because Next has no hook for it: its decoder throws inside the action handler.
 */

import { hasPrototypeKey } from "./json-keys";

/** What can be read of the request's body (a `Request`, or a clone of one). */
export interface ActionBody {
  text(): Promise<string>;
  formData(): Promise<FormData>;
}

/** Why the body cannot be a server action's arguments, or undefined when it can. */
export async function serverActionBodyProblem(contentType: string | null, body: ActionBody): Promise<string | undefined> {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    const form = await body.formData().catch(() => undefined);
    if (!form) return "the multipart body can't be read";
    const root = form.get("0");
    const args = typeof root === "string" ? jsonArray(root) : undefined;
    if (!args) return 'field "0" must hold the arguments as a JSON array';
    return argumentsProblem(args, { formReferences: true });
  }
  if (type === "text/plain" || type === "") {
    const text = await body.text().catch(() => undefined);
    const args = text === undefined ? undefined : jsonArray(text);
    if (!args) return "the body must be the arguments as a JSON array";
    return argumentsProblem(args, { formReferences: false });
  }
  return `a server action's body is text/plain or multipart/form-data, not ${type}`;
}

function jsonArray(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A `$` string the actions may receive: an escaped `$`, `undefined`, or (from a form) the form. */
const allowedReference = (text: string, formReferences: boolean) =>
  text.startsWith("$$") || text === "$undefined" || (formReferences && /^\$K\d{1,6}$/.test(text));

function argumentsProblem(args: unknown[], options: { formReferences: boolean }): string | undefined {
  if (hasPrototypeKey(args)) return "an object key reaches a prototype";
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
  };
  collect(args);
  const reference = strings.find((text) => text.startsWith("$") && !allowedReference(text, options.formReferences));
  return reference === undefined ? undefined : `${JSON.stringify(reference.slice(0, 40))} is not a value these actions take`;
}
