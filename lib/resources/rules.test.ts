import { describe, expect, it } from "vitest";
import { accessWindowParts, parseResourceForm, pathProblem } from "./rules";

const valid = {
  kind: "api",
  path: "/api/report",
  title: "Report",
  description: "",
  price: "0.05",
  accessAmount: "0",
  accessUnit: "hours",
  payTo: "0xa0ee7a142d267c1f36714e4a8f75612f20a79720",
};

describe("pathProblem", () => {
  it.each([
    ["api", "/api/report"],
    ["api", "/api/v1/report.json"],
    ["page", "/articles/why-402"],
    ["pass", "/passes/day"],
  ] as const)("accepts %s %s", (kind, path) => {
    expect(pathProblem(kind, path)).toBeUndefined();
  });

  it.each([
    ["api", "api/report", "Start the path"],
    ["api", "/api/Report", "lower-case"],
    ["api", "/api/report/", "trailing slash"],
    ["api", "/api//report", "single slashes"],
    ["api", "/api/../dashboard", ". or .."],
    ["api", "/api/auth/session", "belongs to the app"],
    ["api", "/dashboard", "belongs to the app"],
    ["api", "/.well-known/x402", "belongs to the app"],
    ["api", "/report", "under /api/"],
    ["page", "/about", "Pages are articles"],
    ["page", "/articles/Why", "lower-case"],
    ["page", "/articles/a/b", "Pages are articles"],
    ["pass", "/articles/day", "Passes are sold at /passes/"],
    ["api", `/api/${"x".repeat(200)}`, "under 200"],
  ] as const)("refuses %s %s", (kind, path, message) => {
    expect(pathProblem(kind, path)).toContain(message);
  });
});

describe("parseResourceForm", () => {
  it("turns the form into a resource: atomic price, seconds, checksummed pay-to", () => {
    expect(parseResourceForm({ ...valid, accessAmount: "2", accessUnit: "days" })).toEqual({
      ok: true,
      value: {
        kind: "api",
        path: "/api/report",
        title: "Report",
        description: "",
        price: 50_000n,
        accessSeconds: 172_800,
        payTo: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
      },
    });
  });

  it.each([
    [{ price: "0" }, "price", "more than 0"],
    [{ price: "0.0000001" }, "price", "6 decimal places"],
    [{ price: "1,5" }, "price", "not an amount"],
    [{ price: "2000000" }, "price", "over 1,000,000"],
    [{ accessAmount: "-1" }, "accessAmount", "0 for pay-per-request"],
    [{ accessAmount: "1.5" }, "accessAmount", "whole number"],
    [{ accessAmount: "400", accessUnit: "days" }, "accessAmount", "one year"],
    [{ accessUnit: "weeks" }, "accessUnit", ""],
    [{ payTo: "0x123" }, "payTo", "0x address"],
    [{ title: "  " }, "title", "title"],
    [{ kind: "file" }, "kind", "API route or a pass"],
    [{ kind: "pass", path: "/passes/day", accessAmount: "0" }, "accessAmount", "needs an access window"],
    [{ path: "/api/auth/x" }, "path", "belongs to the app"],
  ])("reports %j on the field", (change, field, message) => {
    const result = parseResourceForm({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[field as keyof typeof result.fieldErrors]).toContain(message);
  });
});

describe("accessWindowParts", () => {
  it.each([
    [0, { amount: 0, unit: "minutes" }],
    [1_800, { amount: 30, unit: "minutes" }],
    [7_200, { amount: 2, unit: "hours" }],
    [86_400, { amount: 1, unit: "days" }],
  ] as const)("%s s → %j", (seconds, parts) => {
    expect(accessWindowParts(seconds)).toEqual(parts);
  });
});
