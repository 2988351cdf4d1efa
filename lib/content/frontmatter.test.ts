import { describe, expect, it } from "vitest";
import { parseFrontmatter } from "./frontmatter";

const file = (...lines: string[]) => lines.join("\n");

function fieldsOf(text: string) {
  const parsed = parseFrontmatter(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed;
}

describe("parseFrontmatter", () => {
  it("reads key: value lines and returns the content after the closing ---", () => {
    const parsed = fieldsOf(file("---", "title: Why HTTP 402?", "price: 0.05", "---", "# Heading", "", "Text."));
    expect([...parsed.fields]).toEqual([
      ["title", "Why HTTP 402?"],
      ["price", "0.05"],
    ]);
    expect(parsed.content).toBe("# Heading\n\nText.");
  });

  it("keeps every value a string, as written: no YAML types, inline # or colons", () => {
    const parsed = fieldsOf(file("---", "published: true", "price: 010", "title: HTTP 402: a #history", "tags: [a, b]", "---"));
    expect(Object.fromEntries(parsed.fields)).toEqual({
      published: "true",
      price: "010",
      title: "HTTP 402: a #history",
      tags: "[a, b]",
    });
  });

  it("removes one pair of matching quotes and keeps what is inside literally", () => {
    const parsed = fieldsOf(
      file("---", `a: "  spaced  "`, "b: 'single'", `c: "say "hi""`, `d: ''`, `e: it's`, "f:", "g:value", "h :  padded  ", "---"),
    );
    expect(Object.fromEntries(parsed.fields)).toEqual({
      a: "  spaced  ",
      b: "single",
      c: 'say "hi"',
      d: "",
      e: "it's",
      f: "",
      g: "value",
      h: "padded",
    });
  });

  it("allows comment lines, blank lines and camelCase/snake_case keys", () => {
    const parsed = fieldsOf(file("---", "# a comment", "", "   ", "  # indented comment", "coverImage: x", "cover_image: y", "k2: z", "---", "body"));
    expect([...parsed.fields.keys()]).toEqual(["coverImage", "cover_image", "k2"]);
  });

  it("accepts CRLF line endings and a byte order mark", () => {
    const parsed = fieldsOf("\uFEFF---\r\ntitle: Windows\r\n---\r\nLine one\r\nLine two\r\n");
    expect(parsed.fields.get("title")).toBe("Windows");
    expect(parsed.content).toBe("Line one\nLine two\n");
  });

  it("accepts an empty block, trailing spaces on the fences, and a file that ends at the fence", () => {
    expect(fieldsOf("---\n---").content).toBe("");
    expect(fieldsOf("---  \ntitle: t\n---\t\nbody").fields.get("title")).toBe("t");
  });

  it("only the first --- after the opening one closes the block", () => {
    expect(fieldsOf(file("---", "title: t", "---", "text", "---", "more")).content).toBe("text\n---\nmore");
  });

  it("has no prototype surprises: keys like constructor are ordinary keys", () => {
    const parsed = fieldsOf(file("---", "constructor: c", "---"));
    expect(parsed.fields.get("constructor")).toBe("c");
    expect(parsed.fields.has("toString")).toBe(false);
  });

  it.each([
    ["no frontmatter", "Just markdown.", 1, /start the file with a --- line/],
    ["a block that is not first", "\n---\ntitle: t\n---", 1, /start the file/],
    ["no closing fence", "---\ntitle: t\nbody", 1, /no closing ---/],
    ["a line without a colon", "---\ntitle t\n---", 2, /expected "key: value", got "title t"/],
    ["an indented line", "---\n  title: t\n---", 2, /expected "key: value"/],
    ["a key with upper case", "---\nTitle: t\n---", 2, /"Title" is not a key/],
    ["a key starting with a digit", "---\n2title: t\n---", 2, /"2title" is not a key/],
    ["a key with a hyphen", "---\ncover-image: t\n---", 2, /"cover-image" is not a key/],
    ["an unclosed double quote", '---\ntitle: "open\n---', 2, /closing quote/],
    ["a single quote alone", "---\ntitle: '\n---", 2, /closing quote/],
    ["text after the closing quote", '---\ntitle: "a" b\n---', 2, /closing quote/],
  ])("refuses %s, naming the line", (_case, text, line, message) => {
    const parsed = parseFrontmatter(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.line).toBe(line);
    expect(parsed.errors[0]!.message).toMatch(message);
  });

  it("refuses a key set twice, naming both lines", () => {
    const parsed = parseFrontmatter(file("---", "title: a", "# note", "title: b", "---"));
    expect(parsed).toEqual({ ok: false, errors: [{ line: 4, key: "title", message: "set again (first set on line 2)" }] });
  });

  it("reports every bad line, with line numbers that count CRLF lines and the BOM correctly", () => {
    const parsed = parseFrontmatter("\uFEFF---\r\nok: 1\r\nbad line\r\n\r\nBad: 2\r\nq: 'x\r\n---\r\nbody");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((error) => [error.line, error.key])).toEqual([
      [3, undefined],
      [5, undefined],
      [6, "q"],
    ]);
  });
});
