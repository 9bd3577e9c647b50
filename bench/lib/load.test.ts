import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ID_BASE } from "./customer-data.ts";
import { type LoadOptions, nextRequest, type Route } from "./load.ts";

const base: LoadOptions = {
  url: "http://127.0.0.1:1",
  dialect: "fusebill",
  route: "GET",
  count: 1000,
  synced: 10,
  apiKey: "key",
  durationSeconds: 1,
};

const ids = (route: Route, dialect: LoadOptions["dialect"] = "fusebill") =>
  Array.from({ length: 500 }, () => {
    const request = nextRequest({ ...base, route, dialect });
    return Number((request.body ? JSON.parse(request.body).id : request.path.split("/").pop()) as string);
  });

describe("the bench's request generator", () => {
  it("draws GET ids at random over the seeded customers only", () => {
    const drawn = ids("GET");
    assert.ok(
      drawn.every((id) => id >= ID_BASE && id < ID_BASE + 1000),
      JSON.stringify(drawn.slice(0, 5)),
    );
    assert.ok(new Set(drawn).size > 100, `only ${new Set(drawn).size} distinct ids`);
  });

  it("sends PUT synced only to the customers seeded with sync enabled", () => {
    const drawn = ids("PUT synced");
    assert.ok(
      drawn.every((id) => id >= ID_BASE && id < ID_BASE + 10),
      JSON.stringify(drawn.slice(0, 5)),
    );
  });

  it("builds a full-replace PUT body of about a kilobyte's worth of fields with id and status", () => {
    const request = nextRequest({ ...base, route: "PUT" });
    const body = JSON.parse(request.body ?? "{}");
    assert.equal(request.method, "PUT", request.path);
    assert.equal(request.path, "/v1/customers", request.path);
    assert.equal(body.status, "Active", request.body);
    assert.equal(typeof body.id, "number", request.body);
    assert.ok((request.body ?? "").length > 300, request.body);
  });

  it("sends json-server the same requests in its own URL shapes", () => {
    const get = nextRequest({ ...base, dialect: "json-server", route: "GET" });
    assert.match(get.path, /^\/customers\/\d+$/, get.path);
    const put = nextRequest({ ...base, dialect: "json-server", route: "PUT" });
    assert.match(put.path, /^\/customers\/\d+$/, put.path);
    assert.equal(JSON.parse(put.body ?? "{}").id, put.path.split("/").pop(), put.body);
    const list = nextRequest({ ...base, dialect: "json-server", route: "LIST" });
    assert.match(list.path, /^\/customers\?lastName=Smith&_page=\d+&_per_page=20$/, list.path);
    const post = nextRequest({ ...base, dialect: "json-server", route: "POST" });
    assert.equal(post.path, "/customers", post.path);
  });

  it("lists with a prefix query and a page number among the first pages", () => {
    const pages = Array.from({ length: 200 }, () => {
      const request = nextRequest({ ...base, route: "LIST", count: 1_000_000 });
      assert.match(
        request.path,
        /^\/v1\/customers\?query=lastName:Sm\*&pageSize=20&pageNumber=\d+$/,
        request.path,
      );
      return Number(new URL(request.path, "http://x").searchParams.get("pageNumber"));
    });
    assert.ok(
      pages.every((page) => page >= 0 && page < 50),
      JSON.stringify(pages),
    );
  });
});
