import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isLoopbackHost, sandboxExposureWarning } from "./sandbox-exposure.ts";

describe("sandbox exposure warning", () => {
  test("loopback hosts are 127.0.0.0/8, ::1 and localhost", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "example.com", "128.0.0.1"])
      assert.equal(isLoopbackHost(host), false, host);
  });

  test("warns only when listening beyond loopback with the sandboxes on and a test account", () => {
    const warning = sandboxExposureWarning("0.0.0.0", true, { test: 2, live: 1 });
    assert.match(
      String(warning),
      /test accounts' sandbox CRMs \(\/sandbox\/\*\) are reachable from the network/,
    );
    assert.equal(sandboxExposureWarning("127.0.0.1", true, { test: 2, live: 0 }), undefined);
    assert.equal(sandboxExposureWarning("0.0.0.0", false, { test: 2, live: 0 }), undefined);
    assert.equal(sandboxExposureWarning("0.0.0.0", true, { test: 0, live: 3 }), undefined);
  });
});
