/**
 * The shape Next expects of a server action's body, checked before Next reads it: a body it
 * cannot decode makes Next answer 500 (to anyone, signed in or not), where bad input deserves a
 * 400 with a reason. Next (React's `encodeReply`) sends an action's arguments as a JSON array in a
 * text body, or, when they include a form, as multipart fields with that array in field "0".
 *
 * Written here because Next has no hook for it: its decoder throws inside the action handler.
 */

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
    return typeof root === "string" && isJsonArray(root) ? undefined : 'field "0" must hold the arguments as a JSON array';
  }
  if (type === "text/plain" || type === "") {
    const text = await body.text().catch(() => undefined);
    return text !== undefined && isJsonArray(text) ? undefined : "the body must be the arguments as a JSON array";
  }
  return `a server action's body is text/plain or multipart/form-data, not ${type}`;
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
