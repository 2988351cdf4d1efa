import { describe, expect, it } from "vitest";
import { preferredFormat } from "./representations";

describe("preferredFormat", () => {
  it.each([
    [null, "html"],
    ["", "html"],
    ["*/*", "html"],
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"],
    ["text/markdown", "markdown"],
    ["text/x-markdown", "markdown"],
    ["application/json", "json"],
    ["application/json, text/plain, */*", "json"],
    ["text/html;q=0.5, text/markdown", "markdown"],
    ["text/markdown;q=0.4, application/json;q=0.6", "json"],
    ["application/json;q=0, text/html", "html"],
    ["image/png", "html"],
    ["TEXT/MARKDOWN", "markdown"],
  ])("%j → %s", (accept, format) => {
    expect(preferredFormat(accept)).toBe(format);
  });
});
