/**
 * The committed contract artifacts must be exactly what the committed sources compile to, so the
 * bytecode the app deploys is the code under review. Fix a failure with `npm run contracts:compile`.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compileContracts } from "@/scripts/compile-contracts";

describe("contract artifacts", () => {
  const files = Object.entries(compileContracts()).map(([path, text]) => ({ name: relative(process.cwd(), path), path, text }));

  it("covers both contracts", () => {
    expect(files.map(({ name }) => name).sort()).toEqual(["contracts/build/Multicall3.ts", "contracts/build/TestUSDC.ts"]);
  });

  it.each(files)("$name is up to date", ({ path, text }) => {
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});
