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

  it("refuses a multipart body without the arguments in field 0, or with something else there", async () => {
    const bodies: Record<string, string>[] = [{ a: "b" }, { "0": "not json" }, { "0": '"a string"' }];
    for (const fields of bodies) {
      const form = asForm(fields);
      expect(await serverActionBodyProblem(form.headers.get("content-type"), form)).toMatch(/field "0"/);
    }
    expect(await serverActionBodyProblem("multipart/form-data; boundary=x", asText("not multipart"))).toMatch(/can't be read/);
  });
});
