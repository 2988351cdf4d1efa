/**
 * Whether a request says its body is JSON. Routes that change state from a browser take JSON only:
 * a page of another site can post a form or text/plain without asking, but a JSON body needs a CORS
 * preflight, which this app never grants.
 */
export function sentAsJson(request: Request): boolean {
  return request.headers.get("content-type")?.toLowerCase().startsWith("application/json") ?? false;
}
