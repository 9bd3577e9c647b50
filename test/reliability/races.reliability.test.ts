import assert from "node:assert/strict";
import { before, test } from "node:test";
import { messages } from "../../src/errors/messages.ts";
import { createCustomer, getCustomer, post } from "../../src/testing/integration-test-kit.ts";
import { describeOnEachBackend } from "../../src/testing/test-app.ts";
import { fuzzRuns } from "./fuzz-support.ts";

/*
 * Concurrent writers on one customer or one CRM record. On PostgreSQL the
 * requests really overlap (a pool of 10 connections); PGlite runs one query at
 * a time, so there they interleave between statements, which still exercises
 * every read-then-write the services do.
 */

/** A full PUT body in which every writable field names its writer. */
function writerBody(id: number, writer: string) {
  return {
    id,
    status: "Draft",
    firstName: writer,
    lastName: writer,
    companyName: writer,
    primaryEmail: `${writer}@example.com`,
    primaryPhone: writer,
    reference: writer,
    customerReference: {
      reference1: writer,
      reference2: writer,
      salesTrackingCodes: [{ type: writer, code: writer }],
    },
    customerAcquisition: { source: writer, campaign: writer },
  };
}

/** The same fields, read back from a GET. */
function writtenFields(customer: Record<string, unknown>) {
  const reference = customer.customerReference as Record<string, unknown>;
  const acquisition = customer.customerAcquisition as Record<string, unknown>;
  const codes = reference.salesTrackingCodes as { type: string; code: string }[];
  return [
    customer.firstName,
    customer.lastName,
    customer.companyName,
    String(customer.primaryEmail).replace("@example.com", ""),
    customer.primaryPhone,
    customer.reference,
    reference.reference1,
    reference.reference2,
    ...codes.flatMap((code) => [code.type, code.code]),
    acquisition.source,
    acquisition.campaign,
  ];
}

describeOnEachBackend("Races", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });

  test("concurrent PUTs of one customer leave exactly one writer's whole state, never a mix", async () => {
    const account = await ctx.newAccount();
    const id = await createCustomer(ctx, account, { firstName: "start" });
    const rounds = fuzzRuns(5, 100);
    for (let round = 0; round < rounds; round++) {
      const writers = Array.from({ length: 8 }, (_, i) => `r${round}w${i}`);
      const answers = await Promise.all(
        writers.map((writer) =>
          ctx.app.inject({
            method: "PUT",
            url: "/v1/customers",
            headers: account.headers,
            payload: writerBody(id, writer),
          }),
        ),
      );
      for (const answer of answers) assert.equal(answer.statusCode, 200, answer.body);
      const customer = await getCustomer(ctx, account, id);
      const fields = writtenFields(customer);
      const winner = fields[0] as string;
      assert.ok(writers.includes(winner), JSON.stringify(customer));
      assert.deepEqual(fields, Array(fields.length).fill(winner), JSON.stringify(customer));
    }
  });

  /** One CRM record latched by six customers at once; `taken` is the refusal the losers must get. */
  const latchRaces = [
    {
      record: "Salesforce Account",
      path: "/v1/Salesforce/Latch",
      body: (id: number) => ({ fusebillId: id, salesforceId: "0014100000JJ3wtAAD" }),
      linkOf: (customer: Record<string, unknown>) => customer.salesforceId,
      taken: (winner: number) => messages.salesforceAccountTaken("0014100000JJ3wtAAD", winner),
    },
    {
      record: "NetSuite customer",
      path: "/v1/NetSuite/LatchCustomer",
      body: (id: number) => ({ fusebillId: id, netsuiteId: "1744203" }),
      linkOf: (customer: Record<string, unknown>) => customer.netsuiteId,
      taken: (winner: number) => messages.netsuiteCustomerTaken("1744203", winner),
    },
    {
      record: "HubSpot contact",
      path: "/v1/HubSpot/latchCustomer",
      body: (id: number) => ({ fusebillId: id, hubSpotId: 101 }),
      linkOf: (customer: Record<string, unknown>) => customer.hubSpotId,
      taken: (winner: number) => messages.hubSpotContactTaken(101, winner),
    },
  ];

  for (const race of latchRaces) {
    test(`concurrent latches of one ${race.record} to different customers: exactly one wins`, async () => {
      const account = await ctx.newAccount();
      const ids = await Promise.all(Array.from({ length: 6 }, () => createCustomer(ctx, account)));
      const answers = await Promise.all(
        ids.map((id) => post(ctx, account, race.path, JSON.stringify(race.body(id)))),
      );
      const winners = answers.filter((answer) => answer.statusCode === 200);
      assert.equal(winners.length, 1, answers.map((answer) => answer.body).join("\n"));
      const latched = await Promise.all(ids.map((id) => getCustomer(ctx, account, id)));
      const holders = latched
        .filter((customer) => race.linkOf(customer) !== null)
        .map((customer) => customer.id);
      const links = JSON.stringify(latched.map((customer) => [customer.id, race.linkOf(customer)]));
      assert.deepEqual(holders, [winners[0]?.json().id], links);
      for (const answer of answers.filter((a) => a.statusCode !== 200)) {
        assert.equal(answer.statusCode, 400, answer.body);
        assert.equal(answer.json().Errors[0].Value, race.taken(holders[0] as number), answer.body);
      }
    });
  }
});
