import { describe, expect, it } from "vitest";
import { canonicalPath } from "./catalog";

describe("canonicalPath", () => {
  it.each([
    ["/articles/why", "/articles/why"],
    ["/articles/why/", "/articles/why"],
    ["//articles///why", "/articles/why"],
    ["/articles/why?x=1", "/articles/why"],
    ["/articles/why#top", "/articles/why"],
    ["/articles/wh%79", "/articles/why"],
    ["/articles%2Fwhy", "/articles%2Fwhy"],
    ["/articles/a%5Cb", "/articles/a%5Cb"],
    ["/articles/%E0%A4%A", "/articles/%E0%A4%A"],
    ["/", "/"],
    ["", "/"],
  ])("%j → %j", (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });
});
