import { describe, expect, it } from "vitest";
import { readSignInBody } from "./sign-in-body";

const post = (body: BodyInit, type = "application/json") =>
  new Request("http://paywall.test/api/reader/session", { method: "POST", body, headers: { "Content-Type": type }, duplex: "half" } as RequestInit);

/** A body that never ends, as a slow or hostile client sends it. */
const endless = () =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
  });

describe("readSignInBody", () => {
  it("reads a sign-in", async () => {
    expect(await readSignInBody(post(JSON.stringify({ message: "m", signature: "0xab" })))).toEqual({ message: "m", signature: "0xab" });
  });

  it.each([
    ["not JSON", "{"],
    ["no fields", "{}"],
    ["a message that is not text", JSON.stringify({ message: 42, signature: "0xab" })],
    ["a signature that is not hex", JSON.stringify({ message: "m", signature: "0xnothex" })],
    ["an oversized signature", JSON.stringify({ message: "m", signature: `0x${"ab".repeat(10_001)}` })],
    ["a huge message", JSON.stringify({ message: "x".repeat(100_000), signature: "0xab" })],
    ["an empty body", ""],
  ])("refuses %s", async (_case, body) => {
    expect(await readSignInBody(post(body))).toBeUndefined();
  });

  it.each(["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "refuses a sign-in sent as %s: what a page of another site can post without a preflight",
    async (type) => {
      expect(await readSignInBody(post(JSON.stringify({ message: "m", signature: "0xab" }), type))).toBeUndefined();
    },
  );

  it("stops reading a body that never ends", async () => {
    expect(await readSignInBody(post(endless()))).toBeUndefined();
  }, 5_000);
});
