import assert from "node:assert/strict";
import { test } from "node:test";
import type { NewCustomerRow } from "../../db/schema.ts";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend, type TestAccount } from "../../testing/test-app.ts";
import { FILTER_NAMES } from "./filter-fields.ts";

describeOnEachBackend("GET /v1/customers", (ctx) => {
  /** Rows straight into the table: MRR, timestamps and statuses are not writable through the API. */
  async function insert(account: TestAccount, rows: Partial<NewCustomerRow>[]): Promise<number[]> {
    const ids: number[] = [];
    for (const row of rows) {
      const inserted = await ctx.db
        .insertInto("customers")
        .values({ currency: "USD", ...row, accountId: account.accountId })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(inserted.id);
    }
    return ids;
  }

  async function list(account: TestAccount, queryString: string) {
    const response = await ctx.app.inject({
      method: "GET",
      url: `/v1/customers${queryString}`,
      headers: account.headers,
    });
    const ids = response.statusCode === 200 ? response.json().map((c: { id: number }) => c.id) : [];
    return { response, ids: ids as number[] };
  }

  /** The ids a `query` matches, checked for status 200. */
  async function matching(account: TestAccount, query: string): Promise<number[]> {
    const { response, ids } = await list(account, `?pageSize=1000&query=${encodeURIComponent(query)}`);
    assert.equal(response.statusCode, 200, response.body);
    return ids;
  }

  async function expectBadRequest(account: TestAccount, queryString: string, message: string) {
    const { response } = await list(account, queryString);
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(
      response.json(),
      { ErrorId: 0, HttpStatusCode: 400, Errors: [{ Key: "Api Error", Value: message }] },
      response.body,
    );
  }

  test("lists the caller's customers in the shape of GET /v1/customers/{id}, in id order", async () => {
    const account = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    await insert(stranger, [{ firstName: "Mallory" }]);
    const [parentId = 0] = await insert(account, [{ firstName: "Ann", status: "Active" }]);
    await insert(account, [{ firstName: "Bob", parentId }]);
    const { response, ids } = await list(account, "");
    assert.equal(response.statusCode, 200, response.body);
    const customers = response.json();
    assert.equal(ids.length, 2, response.body);
    assert.ok(ids[0] === parentId && (ids[1] ?? 0) > parentId, response.body);
    for (const customer of customers) {
      const single = await ctx.app.inject({
        method: "GET",
        url: `/v1/customers/${customer.id}`,
        headers: account.headers,
      });
      assert.deepEqual(customer, single.json(), response.body);
    }
    assert.equal(customers[0].isParent, true, response.body);
    assert.equal(response.headers["x-count"], "2", response.body);
    assert.equal(response.headers["x-maxcount"], "2", response.body);
    assert.equal(response.headers["x-sortorder"], "Ascending", response.body);
    assert.equal(response.headers["x-sortexpression"], "id", response.body);
    assert.equal(response.headers["x-pagesize"], "20", response.body);
  });

  test("pages are 0-based and the X-* headers describe the neighbours", async () => {
    const account = await ctx.newAccount();
    const all = await insert(account, [{}, {}, {}, {}, {}]);
    const middle = await list(account, "?PageSize=2&PAGENUMBER=1");
    assert.equal(middle.response.statusCode, 200, middle.response.body);
    assert.deepEqual(middle.ids, all.slice(2, 4), middle.response.body);
    const headers = middle.response.headers;
    const expected = {
      "x-count": "5",
      "x-maxcount": "5",
      "x-currentpage": "1",
      "x-previouspage": "0",
      "x-nextpage": "2",
      "x-pagesize": "2",
      "x-maxpageindex": "2",
    };
    for (const [name, value] of Object.entries(expected)) {
      assert.equal(headers[name], value, `${name}: ${middle.response.body}`);
    }
    const first = await list(account, "?pageSize=2&pageNumber=0");
    assert.equal(first.response.headers["x-previouspage"], "-1", first.response.body);
    const last = await list(account, "?pageSize=2&pageNumber=2");
    assert.deepEqual(last.ids, all.slice(4), last.response.body);
    assert.equal(last.response.headers["x-nextpage"], "-1", last.response.body);
  });

  test("X-Count counts matches and X-MaxCount every customer of the account", async () => {
    const account = await ctx.newAccount();
    await insert(account, [{ status: "Active" }, { status: "Active" }, { status: "Active" }, {}]);
    const { response, ids } = await list(account, "?query=status:Active&pageSize=2&pageNumber=1");
    assert.equal(ids.length, 1, response.body);
    assert.equal(response.headers["x-count"], "3", response.body);
    assert.equal(response.headers["x-maxcount"], "4", response.body);
    assert.equal(response.headers["x-maxpageindex"], "1", response.body);
  });

  test("X-MaxCount follows every writer: one statement for two accounts, a delete, a rolled-back insert", async () => {
    const a = await ctx.newAccount();
    const b = await ctx.newAccount();
    await ctx.db
      .insertInto("customers")
      .values([a, b, a].map((account) => ({ currency: "USD", accountId: account.accountId })))
      .execute();
    const [gone] = await insert(a, [{}]);
    await ctx.db
      .deleteFrom("customers")
      .where("id", "=", gone as number)
      .execute();
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto("customers").values({ currency: "USD", accountId: b.accountId }).execute();
        throw new Error("rolled back");
      }),
    );
    for (const [account, expected] of [
      [a, "2"],
      [b, "1"],
    ] as const) {
      const { response } = await list(account, "?pageSize=1");
      assert.equal(response.headers["x-maxcount"], expected, response.body);
    }
  });

  test("text filters ignore case, take '*' anywhere and [empty] for unset", async () => {
    const account = await ctx.newAccount();
    const [smith, smithson, blank, unset] = await insert(account, [
      { lastName: "Smith", primaryPhone: "613-555-0101" },
      { lastName: "SMITHSON", primaryPhone: "555 0199" },
      { lastName: "", primaryPhone: "416-444-0000" },
      { lastName: null },
    ]);
    assert.deepEqual(await matching(account, "lastName:smith"), [smith]);
    assert.deepEqual(await matching(account, "LastName:Sm*"), [smith, smithson]);
    assert.deepEqual(await matching(account, "primaryPhone:*555*"), [smith, smithson]);
    assert.deepEqual(await matching(account, "lastName:*SON"), [smithson]);
    assert.deepEqual(await matching(account, "lastName:[empty]"), [blank, unset]);
  });

  test("%, _ and \\ in a filter value are literal characters", async () => {
    const account = await ctx.newAccount();
    const [underscore, , percent, backslash] = await insert(account, [
      { reference: "A_1" },
      { reference: "AB1" },
      { reference: "50%off" },
      { reference: "x\\y" },
    ]);
    assert.deepEqual(await matching(account, "reference:A_*"), [underscore]);
    assert.deepEqual(await matching(account, "reference:*%*"), [percent]);
    assert.deepEqual(await matching(account, "reference:x\\*"), [backslash]);
  });

  test("enum filters ignore case and ',' gives OR; conditions joined by ';' must all hold", async () => {
    const account = await ctx.newAccount();
    const [active, draft, , poor] = await insert(account, [
      { status: "Active", lastName: "Smith", title: "Mr" },
      { status: "Draft", lastName: "Smith" },
      { status: "Cancelled", lastName: "Smith" },
      { status: "Active", lastName: "Jones", customerAccountStatus: "PoorStanding", title: "Dr" },
    ]);
    assert.deepEqual(await matching(account, "status:active,DRAFT"), [active, draft, poor]);
    assert.deepEqual(await matching(account, "status:Active;lastName:Smith"), [active]);
    assert.deepEqual(await matching(account, "AccountStatus:poorstanding"), [poor]);
    assert.deepEqual(await matching(account, "customerAccountStatus:PoorStanding"), [poor]);
    assert.deepEqual(await matching(account, "Title:mr,dr"), [active, poor]);
    // claygorman's client sends the ';' URL-encoded inside the query value
    const { response, ids } = await list(account, "?query=status:Active%3BlastName:Smith");
    assert.deepEqual(ids, [active], response.body);
    const unencoded = await list(account, "?query=status:Active;lastName:Smith");
    assert.deepEqual(unencoded.ids, [active], unencoded.response.body);
  });

  test("date ranges include the lower bound, exclude the upper and read YYYY-MM-DD as midnight UTC", async () => {
    const account = await ctx.newAccount();
    const [newYear, midYear, nextYear] = await insert(account, [
      { createdTimestamp: new Date("2018-01-01T00:00:00Z") },
      { createdTimestamp: new Date("2018-06-30T23:59:59Z") },
      { createdTimestamp: new Date("2019-01-01T00:00:00Z") },
    ]);
    assert.deepEqual(await matching(account, "createdTimestamp:2018-01-01|2019-01-01"), [newYear, midYear]);
    assert.deepEqual(await matching(account, "createdTimestamp:|2018-06-30"), [newYear]);
    assert.deepEqual(await matching(account, "CreatedTimestamp:2018-06-30T23:59:59|"), [midYear, nextYear]);
    assert.deepEqual(await matching(account, "createdTimestamp:2018-06-30"), [midYear]);
  });

  test("numeric ranges filter the MRR under its documented names", async () => {
    const account = await ctx.newAccount();
    const [, fifty, hundred] = await insert(account, [
      { monthlyRecurringRevenue: 10, netMonthlyRecurringRevenue: 10 },
      { monthlyRecurringRevenue: 50, netMonthlyRecurringRevenue: 45 },
      { monthlyRecurringRevenue: 100, netMonthlyRecurringRevenue: 90 },
      { monthlyRecurringRevenue: 180, netMonthlyRecurringRevenue: 170 },
    ]);
    assert.deepEqual(await matching(account, "monthlyRecurringRevenue:50.00|180.00"), [fifty, hundred]);
    assert.deepEqual(await matching(account, "CurrentMrr:50"), [fifty]);
    assert.deepEqual(await matching(account, "NetMRR:40|100"), [fifty, hundred]);
    assert.deepEqual(await matching(account, "CurrentNetMrr:40|100"), [fifty, hundred]);
  });

  test("nested reference and acquisition fields and integration ids are filterable", async () => {
    const account = await ctx.newAccount();
    const [first, second] = await insert(account, [
      { reference1: "R-1", source: "google", hubSpotId: 42, salesforceId: "0014100000JJ3wt" },
      { reference1: "R-2", source: "bing", parentId: null },
    ]);
    assert.deepEqual(await matching(account, "CustomerReference.Reference1:r-1"), [first]);
    assert.deepEqual(await matching(account, "customerAcquisition.source:BING"), [second]);
    assert.deepEqual(await matching(account, "HubSpotId:42"), [first]);
    assert.deepEqual(await matching(account, "hubSpotId:[empty]"), [second]);
    assert.deepEqual(await matching(account, "SalesforceId:0014100000jj3wt"), [first]);
    assert.deepEqual(await matching(account, `id:${second}`), [second]);
  });

  test("sortOrder with sortExpression orders the list, ties by id, and is echoed", async () => {
    const account = await ctx.newAccount();
    const [adams, baker, adams2, carter, unnamed] = await insert(account, [
      { lastName: "adams" },
      { lastName: "Baker" },
      { lastName: "Adams" },
      { lastName: "carter" },
      { lastName: null },
    ]);
    const { response, ids } = await list(account, "?SortOrder=descending&SortExpression=LastName");
    assert.equal(response.statusCode, 200, response.body);
    // unset names sort after every name, so first when descending
    assert.deepEqual(ids, [unnamed, carter, baker, adams2, adams], response.body);
    assert.equal(response.headers["x-sortorder"], "Descending", response.body);
    assert.equal(response.headers["x-sortexpression"], "lastName", response.body);
    const ascending = await list(account, "?sortOrder=Ascending&sortExpression=lastName&pageSize=3");
    assert.deepEqual(ascending.ids, [adams, adams2, baker], ascending.response.body);
    const byCreation = await list(account, "?sortOrder=Descending&sortExpression=CreatedTimestamp");
    assert.deepEqual(byCreation.ids, [unnamed, carter, adams2, baker, adams], byCreation.response.body);
    assert.equal(
      byCreation.response.headers["x-sortexpression"],
      "createdTimestamp",
      byCreation.response.body,
    );
  });

  test("invalid parameters answer 400 in the envelope, naming what is allowed", async () => {
    const account = await ctx.newAccount();
    await expectBadRequest(
      account,
      "?query=shoeSize:42",
      messages.listUnknownFilter("shoeSize", FILTER_NAMES),
    );
    await expectBadRequest(
      account,
      "?query=status:Deleted",
      messages.listBadEnumValue("status", "Deleted", ["Draft", "Active", "Hold", "Suspended", "Cancelled"]),
    );
    await expectBadRequest(
      account,
      "?query=createdTimestamp:soon|",
      messages.listBadTimestamp("createdTimestamp", "soon|"),
    );
    await expectBadRequest(account, "?pageSize=0", messages.listPageSize("0", 1000));
    await expectBadRequest(account, "?pageSize=1001", messages.listPageSize("1001", 1000));
    await expectBadRequest(account, "?pageNumber=-1", messages.listPageNumber("-1"));
    await expectBadRequest(account, "?sortOrder=Ascending", messages.listSortPair);
    await expectBadRequest(account, "?sortExpression=lastName", messages.listSortPair);
    await expectBadRequest(
      account,
      "?sortOrder=Sideways&sortExpression=id",
      messages.listSortOrder("Sideways"),
    );
  });

  test("a page past the end is empty and the tutorial's trailing-slash lookup works", async () => {
    const account = await ctx.newAccount();
    const [coded] = await insert(account, [{ reference: "YourCode" }, {}]);
    const past = await list(account, "?pageNumber=5");
    assert.equal(past.response.statusCode, 200, past.response.body);
    assert.deepEqual(past.ids, [], past.response.body);
    assert.equal(past.response.headers["x-nextpage"], "-1", past.response.body);
    const { response, ids } = await list(account, "/?query=reference:YourCode");
    assert.deepEqual(ids, [coded], response.body);
  });
});
