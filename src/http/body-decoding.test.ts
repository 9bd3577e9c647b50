import assert from "node:assert/strict";
import { before, test } from "node:test";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { createCustomer } from "../testing/integration-test-kit.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";

type Response = { statusCode: number; body: string; json(): unknown };

function assertRefused(response: Response, text: string, context: string): void {
  assert.equal(response.statusCode, 400, `${context}: ${response.body}`);
  assert.deepEqual(response.json(), envelope(400, text), `${context}: ${response.body}`);
}

describeOnEachBackend("request bodies that cannot be stored as sent", (ctx) => {
  let account: TestAccount;
  let id: number;

  before(async () => {
    account = await ctx.newAccount();
    id = await createCustomer(ctx, account, { firstName: "Una", lastName: "Changed" });
  });

  const read = async () =>
    (await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers: account.headers })).body;
  const send = (method: "POST" | "PUT", payload: string | Buffer, url = "/v1/customers") =>
    ctx.app.inject({ method, url, headers: account.headers, payload });

  test("a number that is not finite is a 400 naming the field and its value, and nothing is stored", async () => {
    const before = await read();
    const cases: [string, string, number][] = [
      [`{"id":${id},"status":"Draft","firstName":1e999}`, "firstName", Number.POSITIVE_INFINITY],
      [`{"id":${id},"status":"Draft","lastName":-1e999}`, "lastName", Number.NEGATIVE_INFINITY],
      [`{id:${id},status:'Draft',firstName:Infinity}`, "firstName", Number.POSITIVE_INFINITY],
      [`{id:${id},status:'Draft',reference:NaN}`, "reference", Number.NaN],
      [
        `{"id":${id},"status":"Draft","customerReference":{"salesTrackingCodes":[{"code":1e400}]}}`,
        "customerReference.salesTrackingCodes[0].code",
        Number.POSITIVE_INFINITY,
      ],
      // a field the schema does not know is dropped, but the body is still refused: it is not valid data
      [`{"id":${id},"status":"Draft","unknownField":-1e999}`, "unknownField", Number.NEGATIVE_INFINITY],
    ];
    for (const [payload, field, value] of cases) {
      assertRefused(await send("PUT", payload), messages.numberNotFinite(field, value), payload);
    }
    assertRefused(
      await send("POST", `{"companyName":1e999}`),
      messages.numberNotFinite("companyName", Number.POSITIVE_INFINITY),
      "POST",
    );
    assert.equal(await read(), before, "a refused body changed the customer");
  });

  test("a finite number sent for a string field is still stored as its string", async () => {
    const response = await send("PUT", `{"id":${id},"status":"Draft","firstName":1e21,"lastName":-12.5}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { firstName: string; lastName: string };
    assert.equal(body.firstName, "1e+21", response.body);
    assert.equal(body.lastName, "-12.5", response.body);
  });

  test("a body that is not valid UTF-8 is a 400 saying so, and nothing is stored", async () => {
    const before = await read();
    const json = (name: Buffer) =>
      Buffer.concat([Buffer.from(`{"id":${id},"status":"Draft","firstName":"`), name, Buffer.from('"}')]);
    for (const bytes of [
      [0xff],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xc3],
    ]) {
      const payload = json(Buffer.from(bytes));
      assertRefused(await send("PUT", payload), messages.bodyNotUtf8, payload.toString("hex"));
    }
    const created = await send(
      "POST",
      Buffer.from([0x7b, 0x66, 0x69, 0x72, 0x73, 0x74, 0x4e, 0x61, 0x6d, 0x65, 0x3a, 0x27, 0xe9, 0x27, 0x7d]),
    );
    assertRefused(created, messages.bodyNotUtf8, "a Latin-1 body");
    assert.equal(await read(), before, "a refused body changed the customer");
  });

  test("the routes that read an optional body refuse one that is not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from("{crm:'sales"), Buffer.from([0xff]), Buffer.from("force'}")]);
    assertRefused(await send("POST", bytes, "/v1/sync/replay"), messages.bodyNotUtf8, "replay");
    const latch = Buffer.concat([Buffer.from('{"netsuiteId":"17'), Buffer.from([0xfe]), Buffer.from('"}')]);
    assertRefused(
      await send("POST", latch, `/v1/Netsuite/EnableSynch/${id}`),
      messages.bodyNotUtf8,
      "EnableSynch",
    );
  });

  test("valid UTF-8, with or without a byte order mark, is read as before", async () => {
    const name = "Zoë 💥";
    const plain = await send("PUT", Buffer.from(`{"id":${id},"status":"Draft","firstName":"${name}"}`));
    assert.equal(plain.statusCode, 200, plain.body);
    assert.equal((plain.json() as { firstName: string }).firstName, name, plain.body);
    const withBom = await send("POST", Buffer.from(`\ufeff{"firstName":"${name}"}`));
    assert.equal(withBom.statusCode, 200, withBom.body);
    assert.equal((withBom.json() as { firstName: string }).firstName, name, withBom.body);
  });
});
