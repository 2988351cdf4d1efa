import { describe, expect, it } from "vitest";
import { coverProblem, parseArticleForm } from "./article-rules";

const valid = {
  title: "Why 402",
  slug: "why-402",
  author: "Ada",
  coverImageUrl: "",
  teaser: "Free part.",
  body: "Paid part.",
  price: "0.10",
  accessAmount: "24",
  accessUnit: "hours",
};

describe("parseArticleForm", () => {
  it("turns the editor's fields into an article", () => {
    expect(parseArticleForm(valid)).toEqual({
      ok: true,
      value: {
        title: "Why 402",
        slug: "why-402",
        author: "Ada",
        coverImageUrl: null,
        teaser: "Free part.",
        body: "Paid part.",
        price: 100_000n,
        accessSeconds: 86_400,
      },
    });
  });

  it.each([
    [{ slug: "Why 402" }, "slug"],
    [{ slug: "" }, "slug"],
    [{ teaser: " " }, "teaser"],
    [{ body: "" }, "body"],
    [{ body: "x".repeat(200_001) }, "body"],
    [{ author: "" }, "author"],
    [{ price: "free" }, "price"],
    [{ coverImageUrl: "javascript:alert(1)" }, "coverImageUrl"],
    [{ accessAmount: "2", accessUnit: "years" }, "accessUnit"],
  ])("refuses %j", (change, field) => {
    const result = parseArticleForm({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toContain(field);
  });
});

describe("coverProblem", () => {
  it.each(["https://images.example/cover.jpg", "http://cdn.example/a.png", "/covers/a.png"])("accepts %s", (url) => {
    expect(coverProblem(url)).toBeUndefined();
  });
  it.each(["javascript:alert(1)", "data:image/png;base64,AAA", "//evil.example/a.png", "ftp://x/a.png", "not a url"])("refuses %s", (url) => {
    expect(coverProblem(url)).toEqual(expect.any(String));
  });
});
