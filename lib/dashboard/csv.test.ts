import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./csv";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["with,comma", '"with,comma"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rlf", '"cr\rlf"'],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [123_456_789_012_345_678_901n, "123456789012345678901"],
    [new Date("2026-11-23T10:11:12.345Z"), "2026-11-23T10:11:12.345Z"],
  ])("%s → %s", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", `"'=HYPERLINK(""http://evil"")"`],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
  ])("defuses spreadsheet formulas: %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("takes any text (error reasons can come from outside): one field, never a formula", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const field = csvField(text);
        const unquoted = /^".*"$/s.test(field) ? field.slice(1, -1).replaceAll('""', '"') : field;
        expect(unquoted).not.toMatch(/^[=+\-@\t\r]/);
        expect(unquoted.replace(/^'/, "")).toBe(text.replace(/^'/, ""));
      }),
    );
  });

  it("leaves numbers alone (negative numbers are data, not text)", () => {
    expect(csvField(-5)).toBe("-5");
  });
});

describe("csvRow", () => {
  it("joins fields and ends with CRLF", () => {
    expect(csvRow(["a", "b,c", 1n, null])).toBe('a,"b,c",1,\r\n');
  });
});
