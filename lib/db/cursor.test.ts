import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("keyset cursors", () => {
  it("round-trip exactly, to the millisecond", () => {
    const cursor = { createdAt: new Date("2026-11-23T10:11:12.345Z"), id: 987_654 };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([undefined, null, "", "garbage", "x".repeat(500), Buffer.from("2026-11-23|1").toString("base64url")])(
    "reject %j",
    (value) => {
      expect(decodeCursor(value)).toBeUndefined();
    },
  );

  it("rejects ids beyond the safe integer range", () => {
    expect(decodeCursor(Buffer.from("2026-11-23T10:11:12.345Z|9999999999999999").toString("base64url"))).toBeUndefined();
  });
});
