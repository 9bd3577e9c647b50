import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { FILTER_NAMES, findFilterField } from "./filter-fields.ts";
import { normalizeListParams } from "./list-params.ts";
import { DEFAULT_PAGE_SIZE, parseListRequest } from "./list-request.ts";
import { parseInstant, parseQuery, toLikePattern } from "./query-parser.ts";

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.statusCode, 400, error.message);
    return error.message;
  }
  assert.fail("expected a 400 error");
}

const summary = (query: string) =>
  parseQuery(query).map(({ field, ...rest }) => ({ name: field.name, ...rest }));

describe("filter names", () => {
  test("documented PascalCase names, JSON names and any letter case denote the same field", () => {
    const pairs: [string, string][] = [
      ["AccountStatus", "customerAccountStatus"],
      ["customeraccountstatus", "customerAccountStatus"],
      ["CurrentMrr", "monthlyRecurringRevenue"],
      ["NetMRR", "netMonthlyRecurringRevenue"],
      ["CurrentNetMrr", "netMonthlyRecurringRevenue"],
      ["NetMonthlyRecurringRevenue", "netMonthlyRecurringRevenue"],
      ["CustomerReference.Reference2", "customerReference.reference2"],
      ["CustomerAcquisition.LandingPage", "customerAcquisition.landingPage"],
      ["NetSuiteSynchStatusId", "netsuiteSynchStatus"],
      ["NetSuiteId", "netsuiteId"],
      ["HubSpotCompanyId", "hubSpotCompanyId"],
      ["ID", "id"],
    ];
    for (const [alias, name] of pairs) assert.equal(findFilterField(alias)?.name, name, alias);
  });

  test("an unknown filter is a 400 naming it and listing the allowed names", () => {
    const message = rejection(() => parseQuery("shoeSize:42"));
    assert.equal(message, messages.listUnknownFilter("shoeSize", FILTER_NAMES));
    assert.match(message, /'shoeSize'/);
    assert.match(message, /firstName/);
  });
});

describe("query conditions", () => {
  test("conditions join with ';', ignore empty parts and keep ':' inside values", () => {
    assert.deepEqual(summary("firstName:Jessica;lastName:Smithson;"), [
      { name: "firstName", op: "equals", value: "Jessica" },
      { name: "lastName", op: "equals", value: "Smithson" },
    ]);
    const [range] = parseQuery("createdTimestamp:2019-01-01T10:30:00|");
    assert.deepEqual(range?.op === "range" && range.from, new Date("2019-01-01T10:30:00Z"));
  });

  test("a condition without a name and value is a 400", () => {
    assert.equal(
      rejection(() => parseQuery("Smith")),
      messages.listMalformedCondition("Smith"),
    );
    assert.equal(
      rejection(() => parseQuery("lastName:")),
      messages.listMissingValue("lastName"),
    );
  });

  test("'*' makes a LIKE pattern and the user's %, _ and \\ are escaped", () => {
    assert.deepEqual(summary("lastName:Sm*"), [{ name: "lastName", op: "like", pattern: "Sm%" }]);
    assert.equal(toLikePattern("*5_5%\\*"), "%5\\_5\\%\\\\%");
  });

  test("[empty] matches unset text, in any letter case", () => {
    assert.deepEqual(summary("Reference:[Empty]"), [{ name: "reference", op: "empty" }]);
  });

  test("enum values are case-insensitive, take the stored spelling and ',' gives OR", () => {
    assert.deepEqual(summary("status:active,DRAFT"), [
      { name: "status", op: "in", values: ["Active", "Draft"], orEmpty: false },
    ]);
    assert.deepEqual(summary("title:mr,[empty]"), [
      { name: "title", op: "in", values: ["Mr"], orEmpty: true },
    ]);
  });

  test("an unknown enum value is a 400 listing the allowed values", () => {
    assert.equal(
      rejection(() => parseQuery("Status:Deleted")),
      messages.listBadEnumValue("Status", "Deleted", ["Draft", "Active", "Hold", "Suspended", "Cancelled"]),
    );
  });

  test("numeric ranges take either side open, and bad numbers are a 400", () => {
    assert.deepEqual(summary("monthlyRecurringRevenue:50.00|180.00;parentId:|10"), [
      { name: "monthlyRecurringRevenue", op: "range", from: "50.00", to: "180.00" },
      { name: "parentId", op: "range", from: undefined, to: 10 },
    ]);
    assert.deepEqual(summary("id:5,7"), [{ name: "id", op: "in", values: [5, 7], orEmpty: false }]);
    assert.equal(
      rejection(() => parseQuery("CurrentMrr:lots")),
      messages.listBadDecimal("CurrentMrr", "lots"),
    );
    assert.equal(
      rejection(() => parseQuery("quickBooksId:1|2|3")),
      messages.listBadInteger("quickBooksId", "1|2|3"),
    );
    assert.equal(
      rejection(() => parseQuery("parentId:1|2|3")),
      messages.listBadId("parentId", "1|2|3", Number.MAX_SAFE_INTEGER),
    );
  });

  test("a bare date matches that whole UTC day; a range's upper bound is exclusive", () => {
    assert.deepEqual(summary("createdTimestamp:2019-01-01"), [
      {
        name: "createdTimestamp",
        op: "range",
        from: new Date("2019-01-01T00:00:00Z"),
        to: new Date("2019-01-02T00:00:00Z"),
      },
    ]);
    assert.deepEqual(summary("modifiedTimestamp:2018-01-01|2019-01-01"), [
      {
        name: "modifiedTimestamp",
        op: "range",
        from: new Date("2018-01-01T00:00:00Z"),
        to: new Date("2019-01-01T00:00:00Z"),
      },
    ]);
    assert.equal(
      rejection(() => parseQuery("createdTimestamp:2019-02-30")),
      messages.listBadTimestamp("createdTimestamp", "2019-02-30"),
    );
  });
});

describe("instants", () => {
  test("timestamps are UTC unless an offset is given, and .NET's 7 fractional digits are accepted", () => {
    assert.deepEqual(parseInstant("2019-11-07T15:51:11.1915461Z"), {
      start: new Date("2019-11-07T15:51:11.191Z"),
      unitMs: 1,
    });
    assert.deepEqual(parseInstant("2023-03-22T19:21:24"), {
      start: new Date("2023-03-22T19:21:24Z"),
      unitMs: 1000,
    });
    // '+' decoded as a space by the query string
    assert.deepEqual(parseInstant("2019-01-01T10:00 02:00")?.start, new Date("2019-01-01T08:00:00Z"));
    assert.deepEqual(parseInstant("2019-01-01T10:00-05:30")?.start, new Date("2019-01-01T15:30:00Z"));
    assert.equal(parseInstant("2019-01-01T24:00"), undefined);
    assert.equal(parseInstant("yesterday"), undefined);
  });
});

describe("paging and sorting parameters", () => {
  test("parameter names are case-insensitive and unknown ones are ignored", () => {
    const params = normalizeListParams({ PageSize: "5", PAGENUMBER: "2", Preview: "true", Query: "id:1" });
    assert.deepEqual(params, { pageSize: "5", pageNumber: "2", query: "id:1" });
  });

  test("a repeated query ANDs its parts", () => {
    assert.deepEqual(normalizeListParams({ query: ["status:Active", "lastName:Smith"] }), {
      query: "status:Active;lastName:Smith",
    });
  });

  test("defaults are page 0 of 20 in id order", () => {
    const request = parseListRequest({});
    assert.equal(request.pageSize, DEFAULT_PAGE_SIZE);
    assert.equal(request.pageNumber, 0);
    assert.equal(request.sort, undefined);
  });

  test("pageSize outside 1..1000 and a negative or fractional pageNumber are a 400", () => {
    for (const size of ["0", "1001", "-1", "ten", "2.5"]) {
      assert.equal(
        rejection(() => parseListRequest({ pageSize: size })),
        messages.listPageSize(size, 1000),
      );
    }
    for (const page of ["-1", "1.5", "x"]) {
      assert.equal(
        rejection(() => parseListRequest({ pageNumber: page })),
        messages.listPageNumber(page),
      );
    }
    assert.equal(parseListRequest({ pageSize: "1000" }).pageSize, 1000);
  });

  test("sortOrder and sortExpression must come together and are case-insensitive", () => {
    assert.equal(
      rejection(() => parseListRequest({ sortOrder: "Ascending" })),
      messages.listSortPair,
    );
    assert.equal(
      rejection(() => parseListRequest({ sortExpression: "id" })),
      messages.listSortPair,
    );
    const sort = parseListRequest({ sortOrder: "DESCENDING", sortExpression: "CreatedTimestamp" }).sort;
    assert.equal(sort?.order, "Descending");
    assert.equal(sort?.field.name, "createdTimestamp");
    assert.equal(
      rejection(() => parseListRequest({ sortOrder: "up", sortExpression: "id" })),
      messages.listSortOrder("up"),
    );
    assert.equal(
      rejection(() => parseListRequest({ sortOrder: "Ascending", sortExpression: "shoeSize" })),
      messages.listSortExpression("shoeSize", FILTER_NAMES),
    );
  });
});
