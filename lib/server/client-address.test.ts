import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientKey } from "./client-address";

const from = (value: string | undefined, header = "x-forwarded-for") =>
  clientKey(new Headers(value === undefined ? {} : { [header]: value }), header);

describe("clientKey", () => {
  it.each([
    ["an IPv4 address", "203.0.113.7", "ip:203.0.113.7"],
    ["the entry the nearest proxy appended, not the client's own", "1.1.1.1, 10.0.0.1, 203.0.113.7", "ip:203.0.113.7"],
    ["an IPv4 address with a port", "203.0.113.7:51234", "ip:203.0.113.7"],
    ["an IPv4-mapped IPv6 address", "::ffff:203.0.113.7", "ip:203.0.113.7"],
    ["an IPv6 address, by its /64 (one subscriber's block)", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "ip:2001:db8:1:2::/64"],
    ["another address in the same /64", "2001:db8:1:2::1", "ip:2001:db8:1:2::/64"],
    ["a compressed IPv6 address", "2001:db8::1", "ip:2001:db8:0:0::/64"],
    ["a bracketed IPv6 address with a port", "[2001:db8:1:2::1]:443", "ip:2001:db8:1:2::/64"],
    ["an IPv6 address with a zone", "fe80::1%eth0", "ip:fe80:0:0:0::/64"],
    ["upper-case IPv6", "2001:DB8:1:2::1", "ip:2001:db8:1:2::/64"],
  ])("keys %s", (_case, value, key) => {
    expect(from(value)).toBe(key);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["text that is not an address", "unknown"],
    ["a trailing comma", "203.0.113.7,"],
  ])("puts %s in the one shared bucket", (_case, value) => {
    expect(from(value)).toBe("unidentified");
  });

  it("reads the header the deployment names", () => {
    expect(from("198.51.100.9", "cf-connecting-ip")).toBe("ip:198.51.100.9");
    expect(clientKey(new Headers({ "x-forwarded-for": "198.51.100.9" }), "cf-connecting-ip")).toBe("unidentified");
  });

  it("never lets the client's own entries choose the key", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (forged) => {
        expect(from(`${forged}, 203.0.113.7`)).toBe("ip:203.0.113.7");
      }),
    );
  });

  it("keys any header value as an address or the shared bucket, never throwing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (value) => {
        const headers = new Headers();
        try {
          headers.set("x-forwarded-for", value);
        } catch {
          return; // not a header value a request can carry
        }
        expect(clientKey(headers, "x-forwarded-for")).toMatch(/^(ip:[0-9a-f.:]+(::\/64)?|unidentified)$/);
      }),
      { numRuns: 2_000 },
    );
  });
});
