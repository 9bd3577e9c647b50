import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a live account's outbound calls (CRM connections today, webhooks
 * later) may go: `https` URLs whose host resolves only to public addresses,
 * unless the operator allows the host in LATCHWORK_OUTBOUND_ALLOW. Without
 * this, an account could point a connection at the host's loopback or its
 * private network and read the answers back through latch errors (a port
 * scanner run by any API key). Test accounts are not checked: their sandboxes
 * and tests live on loopback.
 *
 * node:net's BlockList rather than a library: it is built in, matches IPv4
 * rules against IPv4-mapped IPv6 addresses too, and the table below is the
 * whole policy, readable at a glance.
 */

/** Special-purpose ranges (IANA's IPv4/IPv6 special-purpose registries) that are not the public internet. */
const RANGES: readonly [kind: string, network: string, prefix: number, family: "ipv4" | "ipv6"][] = [
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["shared (CGNAT)", "100.64.0.0", 10, "ipv4"],
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["link-local", "169.254.0.0", 16, "ipv4"],
  ["private", "172.16.0.0", 12, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"],
  ["documentation", "192.0.2.0", 24, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["benchmarking", "198.18.0.0", 15, "ipv4"],
  ["documentation", "198.51.100.0", 24, "ipv4"],
  ["documentation", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"],
  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  // every IPv4-mapped address: the IPv4 rules above already catch the private ones, and a CRM has no reason to use the form
  ["IPv4-mapped", "::ffff:0:0", 96, "ipv6"],
  ["NAT64 local-use", "64:ff9b:1::", 48, "ipv6"],
  ["discard", "100::", 64, "ipv6"],
  ["documentation", "2001:db8::", 32, "ipv6"],
  ["unique-local", "fc00::", 7, "ipv6"],
  ["link-local", "fe80::", 10, "ipv6"],
  ["site-local", "fec0::", 10, "ipv6"],
  ["multicast", "ff00::", 8, "ipv6"],
];

const LISTS: readonly [kind: string, list: BlockList][] = (() => {
  const byKind = new Map<string, BlockList>();
  for (const [kind, network, prefix, family] of RANGES) {
    const list = byKind.get(kind) ?? new BlockList();
    list.addSubnet(network, prefix, family);
    byKind.set(kind, list);
  }
  return [...byKind];
})();

/** The kind of non-public range `address` (an IP literal) is in, e.g. "loopback"; undefined for a public address. */
export function nonPublicKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 0) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  // BlockList matches IPv4 and IPv4-mapped forms against each other's rules both ways: "IPv4-mapped"
  // comes after the IPv4 kinds (::ffff:127.0.0.1 reads as loopback) and applies to IPv6 literals only
  return LISTS.find(
    ([kind, list]) => (family === 6 || kind !== "IPv4-mapped") && list.check(bare, type),
  )?.[0];
}

/** LATCHWORK_OUTBOUND_ALLOW: comma-separated `host` or `host:port` entries (`[::1]:8080` for IPv6), any case. */
export function parseOutboundAllow(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
}

function allowed(url: URL, allow: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allow.some((entry) => {
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+):(\d+)$/.exec(entry);
    const [entryHost, entryPort] = match ? [match[1], match[2]] : [entry, undefined];
    return entryHost === host && (entryPort === undefined || entryPort === port);
  });
}

export interface OutboundPolicy {
  /** Parsed LATCHWORK_OUTBOUND_ALLOW. */
  allow: readonly string[];
  /** Every address a hostname resolves to; dns.lookup when unset (tests replace it). */
  resolve?: ((hostname: string) => Promise<string[]>) | undefined;
}

async function resolveAll(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

/**
 * Why a live account may not call `value`, or undefined when it may. Every
 * address the host resolves to must be public: a name with one private
 * address among public ones could be made to pick it.
 */
export async function outboundRefusal(value: string, policy: OutboundPolicy): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "it is not an absolute URL";
  }
  if (allowed(url, policy.allow)) return undefined;
  if (url.protocol !== "https:") return "it is not an https URL";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? resolveAll)(host);
    } catch {
      return `its host ${host} does not resolve`;
    }
  }
  for (const address of addresses) {
    const kind = nonPublicKind(address);
    if (kind)
      return address === host
        ? `its host ${host} is in the ${kind} range`
        : `its host ${host} resolves to ${address}, in the ${kind} range`;
  }
  return undefined;
}
