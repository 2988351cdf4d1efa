/**
 * Who a request comes from, for per-client rate limits. A route handler cannot see the socket, so
 * the address comes from a header the deployment's proxy sets (CLIENT_IP_HEADER, read in env.ts).
 */
import { isIPv4, isIPv6 } from "node:net";

/** Requests whose address cannot be read share one bucket: they cannot pick a fresh key each. */
const UNIDENTIFIED_CLIENT = "unidentified";

/** An address without its port, brackets or zone; undefined unless it is an IP address. */
function parseAddress(entry: string): { v4: string } | { v6: string } | undefined {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "").toLowerCase();
  if (isIPv4(value)) return { v4: value };
  if (!isIPv6(value)) return undefined;
  const mapped = /^::ffff:([\d.]+)$/.exec(value);
  return mapped ? { v4: mapped[1]! } : { v6: value };
}

/** The first four groups of an IPv6 address: one subscriber usually holds a whole /64. */
function prefix64(address: string): string {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  // An embedded IPv4 tail (64:ff9b::192.0.2.1) fills two groups.
  const tailGroups = tail === undefined ? [] : groups(tail).flatMap((group) => (group.includes(".") ? ["0", "0"] : [group]));
  const all = [...groups(head), ...Array<string>(8 - groups(head).length - tailGroups.length).fill("0"), ...tailGroups];
  return `${all
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * The rate-limit key of a request: the last entry of `header` — the one the proxy nearest the app
 * wrote, which a client cannot choose (entries before it are the client's to forge) — as an IPv4
 * address or an IPv6 /64.
 */
export function clientKey(headers: Headers, header: string): string {
  const last = headers.get(header)?.split(",").at(-1);
  const address = last === undefined ? undefined : parseAddress(last);
  if (!address) return UNIDENTIFIED_CLIENT;
  return "v4" in address ? `ip:${address.v4}` : `ip:${prefix64(address.v6)}`;
}
