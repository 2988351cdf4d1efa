import { describe, expect, it } from "vitest";
import { coverProblem, MAX_BODY_CHARACTERS, MAX_TEASER_CHARACTERS } from "@/lib/content/article-rules";
import { parseUsdc } from "@/lib/format/money";
import { MAX_ACCESS_SECONDS } from "@/lib/resources/rules";
import { site } from "@/lib/site";
import {
  duplicateSlugErrors,
  formatContentError,
  parseArticleFile,
  SITE_ARTICLE_DEFAULTS,
  type ArticleDefaults,
  type ArticleFileData,
} from "./article-file";

const DEFAULTS: ArticleDefaults = { price: 50_000n, accessSeconds: 3_600, author: "The Desk" };
const CONTENT = "The free part.\n\n<!-- more -->\n\nThe paid part.";

/** A file with `title: T`, the given frontmatter lines, then `content`. */
function articleFile(lines: string[], content = CONTENT) {
  return ["---", "title: T", ...lines, "---", content].join("\n");
}

function parse(lines: string[], content?: string, fileName = "my-article.md") {
  return parseArticleFile(fileName, articleFile(lines, content), DEFAULTS);
}

function article(lines: string[], content?: string, fileName?: string): ArticleFileData {
  const parsed = parse(lines, content, fileName);
  if (!parsed.ok) throw new Error(parsed.errors.map(formatContentError).join("\n"));
  return parsed.article;
}

/** The `field: message` lines of a refused file. */
function problems(lines: string[], content?: string, fileName?: string): string[] {
  const parsed = parse(lines, content, fileName);
  if (parsed.ok) throw new Error("expected errors");
  return parsed.errors.map((error) => `${error.field}: ${error.message}`);
}

describe("parseArticleFile", () => {
  it("reads a complete file", () => {
    const parsed = parseArticleFile(
      "anything.md",
      [
        "---",
        "title: Why HTTP 402?",
        "slug: why-402",
        "price: 0.25",
        "access: 7d",
        "author: Ada Ledger",
        "cover: https://images.example/402.jpg",
        "published: 2026-11-02T09:30:00+02:00",
        "---",
        "Teaser *markdown*.",
        "<!-- more -->",
        "## Body",
        "",
        "Paid.",
      ].join("\n"),
      DEFAULTS,
    );
    expect(parsed).toEqual({
      ok: true,
      article: {
        slug: "why-402",
        title: "Why HTTP 402?",
        author: "Ada Ledger",
        teaser: "Teaser *markdown*.",
        body: "## Body\n\nPaid.",
        coverImageUrl: "https://images.example/402.jpg",
        published: new Date("2026-11-02T07:30:00Z"),
        price: 250_000n,
        accessSeconds: 604_800,
      },
    });
  });

  it("fills what a file leaves out from the defaults, the slug from the file name", () => {
    expect(article([])).toEqual({
      slug: "my-article",
      title: "T",
      author: "The Desk",
      teaser: "The free part.",
      body: "The paid part.",
      coverImageUrl: null,
      published: true,
      price: 50_000n,
      accessSeconds: 3_600,
    });
  });

  it("defaults to the site's settings", () => {
    expect(SITE_ARTICLE_DEFAULTS).toEqual({ price: parseUsdc(site.defaultPrice), accessSeconds: site.defaultAccessSeconds, author: site.name });
    const parsed = parseArticleFile("a.md", articleFile([]));
    expect(parsed.ok && parsed.article).toMatchObject({ author: site.name, accessSeconds: site.defaultAccessSeconds });
  });

  it("reads CRLF files with a byte order mark like any other", () => {
    const parsed = parseArticleFile("a.md", `\uFEFF${articleFile(["price: 0.01"])}`.replace(/\n/g, "\r\n"), DEFAULTS);
    expect(parsed.ok && parsed.article).toMatchObject({ title: "T", price: 10_000n, teaser: "The free part.", body: "The paid part." });
  });

  it("trims titles and authors, even quoted ones", () => {
    expect(article(['author: "  Ada  "'])).toMatchObject({ title: "T", author: "Ada" });
  });

  describe("title", () => {
    it("is required", () => {
      expect(parseArticleFile("a.md", `---\n---\n${CONTENT}`, DEFAULTS)).toEqual({
        ok: false,
        errors: [{ file: "a.md", field: "title", message: "required" }],
      });
    });

    it("cannot be empty", () => {
      expect(parseArticleFile("a.md", `---\ntitle: "  "\n---\n${CONTENT}`, DEFAULTS)).toEqual({
        ok: false,
        errors: [{ file: "a.md", field: "title", message: "empty: give it a value or remove the line" }],
      });
    });
  });

  describe("slug", () => {
    it("comes from the file name without .md, or from the frontmatter", () => {
      expect(article([], undefined, "why-402.md").slug).toBe("why-402");
      expect(article(["slug: other-slug"], undefined, "why-402.md").slug).toBe("other-slug");
      expect(article(["slug: fine"], undefined, "Not A Slug.md").slug).toBe("fine");
    });

    it("refuses a bad slug with the slug rules' message", () => {
      expect(problems(["slug: Not_OK"])).toEqual([expect.stringMatching(/^slug: Use lower-case letters/)]);
    });

    it("refuses a file name that is not a slug, suggesting one", () => {
      expect(problems([], undefined, "My First Post.md")).toEqual([
        expect.stringMatching(/^slug: the file name "My First Post" is not a slug .*add "slug: my-first-post"$/),
      ]);
      expect(problems([], undefined, "notes.markdown")).toEqual([expect.stringContaining('the file name "notes.markdown"')]);
    });
  });

  describe("price", () => {
    it.each([
      ["0.01", 10_000n],
      ["1", 1_000_000n],
      ["2.5", 2_500_000n],
      ["0.000001", 1n],
      ["1000000", 1_000_000_000_000n],
    ])("reads %s USDC", (text, atomic) => {
      expect(article([`price: ${text}`]).price).toBe(atomic);
    });

    it.each([
      ["0", /The price must be more than 0/],
      ["0.00", /The price must be more than 0/],
      ["1000000.01", /over 1,000,000 USDC/],
      ["0.0000001", /at most 6 decimal places/],
      ["abc", /"abc" is not an amount/],
      ["-1", /is not an amount/],
      ["$5", /is not an amount/],
      ["1,50", /is not an amount/],
    ])("refuses %s", (text, message) => {
      expect(problems([`price: ${text}`])).toEqual([expect.stringMatching(new RegExp(`^price: .*${message.source}`))]);
    });
  });

  describe("access", () => {
    it.each([
      ["0", 0],
      ["90", 90],
      ["30m", 1_800],
      ["12h", 43_200],
      ["7d", 604_800],
      ["366d", MAX_ACCESS_SECONDS],
    ])("reads %s", (text, seconds) => {
      expect(article([`access: ${text}`]).accessSeconds).toBe(seconds);
    });

    it.each(["1w", "1.5h", "-1", "1 h", "1H", "h", "forever", "1234567890"])("refuses %j", (text) => {
      expect(problems([`access: "${text}"`])).toEqual([expect.stringMatching(/^access: ".*" is not an access window/)]);
    });

    it("refuses more than a year", () => {
      expect(problems(["access: 367d"])).toEqual(["access: at most 366d (one year)"]);
      expect(problems([`access: ${MAX_ACCESS_SECONDS + 1}`])).toEqual(["access: at most 366d (one year)"]);
    });
  });

  describe("cover", () => {
    it.each(["https://cdn.example/a.jpg", "http://cdn.example/a.jpg", "/images/a.jpg", "/a.png?v=2"])("accepts %s", (url) => {
      expect(article([`cover: ${url}`]).coverImageUrl).toBe(url);
    });

    it.each(["images/a.jpg", "//evil.example/a.jpg", "javascript:alert(1)", "data:image/png;base64,AA", "ftp://x/a.jpg", "https://"])(
      "refuses %s with the editor's rule",
      (url) => {
        expect(problems([`cover: ${url}`])).toEqual([`cover: ${coverProblem(url)}`]);
        expect(coverProblem(url)).toEqual(expect.any(String));
      },
    );
  });

  describe("published", () => {
    it.each([
      ["true", true],
      ["false", false],
      ["draft", false],
      ["2026-11-02", new Date("2026-11-02T00:00:00Z")],
      ["2026-11-02T09:00Z", new Date("2026-11-02T09:00:00Z")],
      ["2026-11-02T09:00:05.250Z", new Date("2026-11-02T09:00:05.250Z")],
      ["2026-11-02T09:00:00-05:00", new Date("2026-11-02T14:00:00Z")],
      ["2099-01-01", new Date("2099-01-01T00:00:00Z")],
    ])("reads %s", (text, value) => {
      expect(article([`published: ${text}`]).published).toEqual(value);
    });

    it.each([
      ["yes", /"yes" is not true, false, draft or an ISO date/],
      ["True", /is not true, false/],
      ["2026-11-02T09:00", /needs its zone/],
      ["2026-11-02 09:00Z", /is not true, false/],
      ["02/11/2026", /is not true, false/],
      ["2026-13-01", /2026-13-01 is not a day of the calendar/],
      ["2026-02-30", /2026-02-30 is not a day of the calendar/],
      ["2026-02-29T10:00Z", /2026-02-29 is not a day of the calendar/],
      ["2026-11-02T24:00Z", /is not true, false/],
    ])("refuses %s", (text, message) => {
      expect(problems([`published: ${text}`])).toEqual([expect.stringMatching(new RegExp(`^published: .*${message.source}`))]);
    });

    it("accepts a leap day", () => {
      expect(article(["published: 2028-02-29"]).published).toEqual(new Date("2028-02-29T00:00:00Z"));
    });
  });

  describe("teaser and body", () => {
    it("split at a <!-- more --> line, trimmed, markdown kept as written", () => {
      expect(article([], "\n\nFree **bold**\n\n- a\n- b\n\n   <!--  more  -->  \n\n```js\ncode\n```\n\n")).toMatchObject({
        teaser: "Free **bold**\n\n- a\n- b",
        body: "```js\ncode\n```",
      });
    });

    it("with teaser: in the frontmatter, the whole content is the body", () => {
      expect(article(["teaser: Free *part*."], "\nAll of this\n\nis paid.\n")).toMatchObject({
        teaser: "Free *part*.",
        body: "All of this\n\nis paid.",
      });
    });

    it("a <!-- more --> inside a line does not split", () => {
      expect(problems([], "Free <!-- more --> paid")).toEqual([expect.stringMatching(/^teaser: missing/)]);
    });

    it("asks for a teaser when there is neither", () => {
      expect(problems([], "Only a body.")).toEqual([
        'teaser: missing: add "teaser: …" to the frontmatter, or a "<!-- more -->" line between the free teaser and the paid body',
      ]);
    });

    it("refuses both styles at once, and more than one marker", () => {
      expect(problems(["teaser: Free."])).toEqual([expect.stringMatching(/^teaser: given twice/)]);
      expect(problems([], "a\n<!-- more -->\nb\n<!-- more -->\nc")).toEqual([expect.stringMatching(/^teaser: 2 "<!-- more -->" lines/)]);
    });

    it("refuses a teaser or body longer than the editor allows", () => {
      expect(article([], `${"t".repeat(MAX_TEASER_CHARACTERS)}\n<!-- more -->\n${"b".repeat(MAX_BODY_CHARACTERS)}`).body).toHaveLength(MAX_BODY_CHARACTERS);
      expect(problems([], `${"t".repeat(MAX_TEASER_CHARACTERS + 1)}\n<!-- more -->\n${"b".repeat(MAX_BODY_CHARACTERS + 1)}`)).toEqual([
        `teaser: ${(MAX_TEASER_CHARACTERS + 1).toLocaleString("en-US")} characters: keep it under ${MAX_TEASER_CHARACTERS.toLocaleString("en-US")}`,
        `body: ${(MAX_BODY_CHARACTERS + 1).toLocaleString("en-US")} characters: keep it under ${MAX_BODY_CHARACTERS.toLocaleString("en-US")}`,
      ]);
    });

    it("refuses an empty teaser or body, naming which", () => {
      expect(problems([], "\n<!-- more -->\nPaid.")).toEqual([expect.stringMatching(/^teaser: empty/)]);
      expect(problems([], "Free.\n<!-- more -->\n  \n")).toEqual([expect.stringMatching(/^body: empty/)]);
      expect(problems([], "<!-- more -->")).toEqual([expect.stringMatching(/^teaser: empty/), expect.stringMatching(/^body: empty/)]);
      expect(problems(["teaser: Free."], "\n\n")).toEqual([expect.stringMatching(/^body: empty/)]);
      expect(problems(['teaser: ""'], "Paid.")).toEqual(["teaser: empty: give it a value or remove the line"]);
    });
  });

  it("refuses unknown fields, so typos do not pass silently", () => {
    expect(problems(["prcie: 0.05"])).toEqual([
      "prcie: unknown field (the fields are title, slug, price, access, author, cover, published, teaser)",
    ]);
  });

  it("reports every problem of a file at once, in field order", () => {
    const parsed = parseArticleFile(
      "Bad File.md",
      ["---", "prcie: 1", "author:", "price: free", "access: 2y", "cover: nope", "published: soon", "---", "No teaser."].join("\n"),
      DEFAULTS,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.every((error) => error.file === "Bad File.md")).toBe(true);
    expect(parsed.errors.map((error) => error.field)).toEqual(["prcie", "author", "title", "slug", "price", "access", "cover", "published", "teaser"]);
  });

  it("reports frontmatter syntax errors with their line, under the key when there is one", () => {
    const parsed = parseArticleFile("a.md", "---\ntitle: T\nnot a field\ntitle: again\n---\nx", DEFAULTS);
    expect(parsed.ok || parsed.errors.map(formatContentError)).toEqual([
      'a.md: frontmatter: line 3: expected "key: value", got "not a field"',
      "a.md: title: line 4: set again (first set on line 2)",
    ]);
    expect(parseArticleFile("a.md", "no frontmatter", DEFAULTS)).toEqual({
      ok: false,
      errors: [{ file: "a.md", field: "frontmatter", message: "line 1: start the file with a --- line, then the frontmatter, then another --- line" }],
    });
  });
});

describe("formatContentError", () => {
  it("reads file: field: message", () => {
    expect(formatContentError({ file: "a.md", field: "price", message: "must be more than 0" })).toBe("a.md: price: must be more than 0");
  });
});

describe("duplicateSlugErrors", () => {
  it("names each file that repeats an earlier file's slug", () => {
    const file = (fileName: string, slug: string) => ({ fileName, article: { ...article([]), slug } });
    expect(duplicateSlugErrors([file("a.md", "x"), file("b.md", "y"), file("c.md", "x"), file("d.md", "x")])).toEqual([
      { file: "c.md", field: "slug", message: '"x" is also the slug of a.md' },
      { file: "d.md", field: "slug", message: '"x" is also the slug of a.md' },
    ]);
    expect(duplicateSlugErrors([file("a.md", "x"), file("b.md", "y")])).toEqual([]);
  });
});
