import { describe, expect, it } from "vitest";
import { serverActionBodyProblem } from "./server-action-body";

const asText = (text: string) => new Request("http://site.test/", { method: "POST", body: text });
const asForm = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request("http://site.test/", { method: "POST", body: form });
};

describe("serverActionBodyProblem", () => {
  it("accepts what Next sends: the arguments as a JSON array, in text or in multipart field 0", async () => {
    expect(await serverActionBodyProblem("text/plain;charset=UTF-8", asText('[1,"two",{"three":3}]'))).toBeUndefined();
    const form = asForm({ "0": '[{"status":"idle"},"$K1"]', "1_title": "A title" });
    expect(await serverActionBodyProblem(form.headers.get("content-type"), form)).toBeUndefined();
  });

  it.each([
    ["a JSON string", "text/plain;charset=UTF-8", asText('"garbage"')],
    ["not JSON", "text/plain", asText("xx")],
    ["an object", "text/plain", asText("{}")],
    ["JSON in another type", "application/json", asText("[]")],
  ])("refuses %s", async (_name, type, body) => {
    expect(await serverActionBodyProblem(type, body)).toMatch(/JSON array|not application\/json/);
  });

  it.each(["$Q1", "$W1", "$B1", "$F1", "$h1", "$i1", "$nabc", "$11111111111111111111111", "$1:__proto__:x", "$@1", "$K1"])(
    "refuses the reference %s in a text body (React would look for a part that is not there)",
    async (reference) => {
      expect(await serverActionBodyProblem("text/plain", asText(JSON.stringify([1, { a: [reference] }])))).toMatch(/is not a value these actions take/);
    },
  );

  it("accepts the plain values React writes with a $: an escaped $, undefined, and the form in a multipart body", async () => {
    expect(await serverActionBodyProblem("text/plain", asText('["$$5 off", "$undefined", 3, true]'))).toBeUndefined();
    const form = asForm({ "0": '[{"status":"idle"},"$K1"]' });
    expect(await serverActionBodyProblem(form.headers.get("content-type"), form)).toBeUndefined();
    const refs = asForm({ "0": '["$Q1"]' });
    expect(await serverActionBodyProblem(refs.headers.get("content-type"), refs)).toMatch(/not a value/);
  });

  it("refuses keys that reach a prototype", async () => {
    expect(await serverActionBodyProblem("text/plain", asText('[{"__proto__": {"x": 1}}]'))).toMatch(/prototype/);
    expect(await serverActionBodyProblem("text/plain", asText('[{"constructor": 1}]'))).toMatch(/prototype/);
  });

  it("refuses a multipart body without the arguments in field 0, or with something else there", async () => {
    const bodies: Record<string, string>[] = [{ a: "b" }, { "0": "not json" }, { "0": '"a string"' }];
    for (const fields of bodies) {
      const form = asForm(fields);
      expect(await serverActionBodyProblem(form.headers.get("content-type"), form)).toMatch(/field "0"/);
    }
    expect(await serverActionBodyProblem("multipart/form-data; boundary=x", asText("not multipart"))).toMatch(/can't be read/);
  });
});
