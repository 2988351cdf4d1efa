import { describe, expect, it } from "vitest";
import { articlePath, slugify, slugProblem } from "./slug";

describe("slugProblem", () => {
  it.each(["a", "http-402", "why-402-matters", "x".repeat(80)])("accepts %s", (slug) => {
    expect(slugProblem(slug)).toBeUndefined();
  });

  it.each(["", "Upper", "two--hyphens", "-leading", "trailing-", "under_score", "dot.ted", "sp ace", "é", "../etc", "a/b", "x".repeat(81)])(
    "refuses %j",
    (slug) => {
      expect(slugProblem(slug)).toEqual(expect.any(String));
    },
  );
});

describe("slugify", () => {
  it.each([
    ["Why HTTP 402?", "why-http-402"],
    ["  Crème brûlée — à la carte  ", "creme-brulee-a-la-carte"],
    ["---", ""],
    ["A".repeat(100), "a".repeat(80)],
  ])("%j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
    if (slug) expect(slugProblem(slug)).toBeUndefined();
  });
});

describe("articlePath", () => {
  it("puts the slug under /articles", () => {
    expect(articlePath("why-402")).toBe("/articles/why-402");
  });
});
