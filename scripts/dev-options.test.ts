import { describe, expect, it } from "vitest";
import { isLoopback, parseDevOptions } from "./dev-options";

describe("parseDevOptions", () => {
  it("listens on loopback only unless asked: local mode runs on public keys and a public session secret", () => {
    expect(parseDevOptions([], {})).toEqual({ production: false, fresh: false, port: "3000", hostname: "localhost" });
  });

  it("takes --hostname, or HOST, and --port, or PORT", () => {
    expect(parseDevOptions(["--hostname", "0.0.0.0", "--port", "4000"], {})).toMatchObject({ hostname: "0.0.0.0", port: "4000" });
    expect(parseDevOptions([], { HOST: "::", PORT: "4001" })).toMatchObject({ hostname: "::", port: "4001" });
    expect(parseDevOptions(["--hostname", "127.0.0.1"], { HOST: "0.0.0.0" })).toMatchObject({ hostname: "127.0.0.1" });
    expect(parseDevOptions(["--production", "--fresh"], {})).toMatchObject({ production: true, fresh: true });
  });

  it("refuses what it does not know", () => {
    expect(() => parseDevOptions(["--host", "0.0.0.0"], {})).toThrow();
  });
});

describe("isLoopback", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["::1", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
  ])("%s → %s", (hostname, loopback) => {
    expect(isLoopback(hostname)).toBe(loopback);
  });
});
