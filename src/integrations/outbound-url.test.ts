import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nonPublicKind, outboundRefusal, parseOutboundAllow } from "./outbound-url.ts";

describe("outbound URL policy", () => {
  test("IPv4 addresses outside the public internet are named by their range", () => {
    const cases: [string, string][] = [
      ["0.0.0.0", "unspecified"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.0.1", "private"],
      ["100.64.0.1", "shared (CGNAT)"],
      ["100.127.255.254", "shared (CGNAT)"],
      ["127.0.0.1", "loopback"],
      ["127.255.0.9", "loopback"],
      ["169.254.169.254", "link-local"],
      ["224.0.0.251", "multicast"],
      ["255.255.255.255", "reserved"],
    ];
    for (const [address, kind] of cases) assert.equal(nonPublicKind(address), kind, address);
  });

  test("public IPv4 addresses, including the neighbours of private ranges, are public", () => {
    for (const address of [
      "8.8.8.8",
      "1.1.1.1",
      "172.15.255.255",
      "172.32.0.0",
      "100.63.255.255",
      "100.128.0.0",
    ])
      assert.equal(nonPublicKind(address), undefined, address);
  });

  test("IPv6 loopback, unique-local, link-local, multicast and IPv4-mapped addresses are not public", () => {
    const cases: [string, string][] = [
      ["::1", "loopback"],
      ["0:0:0:0:0:0:0:1", "loopback"],
      ["[::1]", "loopback"],
      ["::", "unspecified"],
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "loopback"],
      ["::ffff:10.0.0.1", "private"],
      ["::ffff:8.8.8.8", "IPv4-mapped"],
      ["fc00::1", "unique-local"],
      ["fd12:3456::1", "unique-local"],
      ["fe80::1", "link-local"],
      ["ff02::1", "multicast"],
      ["2001:db8::1", "documentation"],
    ];
    for (const [address, kind] of cases) assert.equal(nonPublicKind(address), kind, address);
    assert.equal(nonPublicKind("2606:4700:4700::1111"), undefined);
  });

  test("URL parsing normalises decimal, hex and short IPv4 forms before the check", async () => {
    const policy = { allow: [] };
    for (const url of ["https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/", "https://127.1/"])
      assert.equal(await outboundRefusal(url, policy), "its host 127.0.0.1 is in the loopback range", url);
  });

  test("a hostname is refused when any of its addresses is not public, or when it does not resolve", async () => {
    const resolve = async (host: string) => {
      if (host === "mixed.example") return ["93.184.215.14", "10.0.0.7"];
      if (host === "public.example") return ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"];
      throw new Error("ENOTFOUND");
    };
    const policy = { allow: [], resolve };
    assert.equal(
      await outboundRefusal("https://mixed.example/api", policy),
      "its host mixed.example resolves to 10.0.0.7, in the private range",
    );
    assert.equal(await outboundRefusal("https://public.example/api", policy), undefined);
    assert.equal(
      await outboundRefusal("https://nowhere.example", policy),
      "its host nowhere.example does not resolve",
    );
    assert.equal(await outboundRefusal("http://public.example", policy), "it is not an https URL");
  });

  test("LATCHWORK_OUTBOUND_ALLOW names hosts, with or without a port, in any case", async () => {
    const allow = parseOutboundAllow(" Sandbox.Internal , 127.0.0.1:4010,[::1]:8080,,");
    assert.deepEqual(allow, ["sandbox.internal", "127.0.0.1:4010", "[::1]:8080"]);
    const policy = { allow, resolve: async () => ["10.0.0.1"] };
    assert.equal(await outboundRefusal("http://sandbox.internal:9999/x", policy), undefined);
    assert.equal(await outboundRefusal("http://127.0.0.1:4010/sandbox/hubspot", policy), undefined);
    assert.equal(await outboundRefusal("http://[::1]:8080", policy), undefined);
    assert.equal(await outboundRefusal("http://127.0.0.1:4011", policy), "it is not an https URL");
    assert.equal(
      await outboundRefusal("https://127.0.0.1", policy),
      "its host 127.0.0.1 is in the loopback range",
      "the entry names port 4010 only",
    );
    assert.deepEqual(parseOutboundAllow(undefined), []);
  });
});
