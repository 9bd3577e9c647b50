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

  test("concurrent latches of one Salesforce Account to different customers: exactly one wins", async () => {
    const account = await ctx.newAccount();
    const ids = await Promise.all(Array.from({ length: 6 }, () => createCustomer(ctx, account)));
    const answers = await Promise.all(
      ids.map((id) =>
        post(
          ctx,
          account,
          "/v1/Salesforce/Latch",
          JSON.stringify({ fusebillId: id, salesforceId: "0014100000JJ3wtAAD" }),
        ),
      ),
    );
    const winners = answers.filter((answer) => answer.statusCode === 200);
    assert.equal(winners.length, 1, answers.map((answer) => answer.body).join("\n"));
    const winner = winners[0]?.json().id as number;
    for (const answer of answers.filter((a) => a.statusCode !== 200)) {
      assert.equal(answer.statusCode, 400, answer.body);
      assert.equal(
        answer.json().Errors[0].Value,
        messages.salesforceAccountTaken("0014100000JJ3wtAAD", winner),
        answer.body,
      );
    }
    const latched = await Promise.all(ids.map((id) => getCustomer(ctx, account, id)));
    assert.deepEqual(
      latched.filter((customer) => customer.salesforceId !== null).map((customer) => customer.id),
      [winner],
      JSON.stringify(latched.map((customer) => [customer.id, customer.salesforceId])),
    );
  });

  test("concurrent latches of one NetSuite customer to different customers: exactly one wins", async () => {
    const account = await ctx.newAccount();
    const ids = await Promise.all(Array.from({ length: 6 }, () => createCustomer(ctx, account)));
    const answers = await Promise.all(
      ids.map((id) =>
        post(
          ctx,
          account,
          "/v1/NetSuite/LatchCustomer",
          JSON.stringify({ fusebillId: id, netsuiteId: "1744203" }),
        ),
      ),
    );
    const winners = answers.filter((answer) => answer.statusCode === 200);
    assert.equal(winners.length, 1, answers.map((answer) => answer.body).join("\n"));
    const winner = winners[0]?.json().id as number;
    for (const answer of answers.filter((a) => a.statusCode !== 200)) {
      assert.equal(answer.statusCode, 400, answer.body);
      assert.equal(
        answer.json().Errors[0].Value,
        messages.netsuiteCustomerTaken("1744203", winner),
        answer.body,
      );
    }
    const latched = await Promise.all(ids.map((id) => getCustomer(ctx, account, id)));
    assert.deepEqual(
      latched.filter((customer) => customer.netsuiteId !== null).map((customer) => customer.id),
      [winner],
      JSON.stringify(latched.map((customer) => [customer.id, customer.netsuiteId])),
    );
  });

  test("concurrent latches of one HubSpot contact to different customers: exactly one wins", async () => {
    const account = await ctx.newAccount();
    const ids = await Promise.all(Array.from({ length: 6 }, () => createCustomer(ctx, account)));
    const answers = await Promise.all(
      ids.map((id) =>
        post(ctx, account, "/v1/HubSpot/latchCustomer", JSON.stringify({ fusebillId: id, hubSpotId: 101 })),
      ),
    );
    const winners = answers.filter((answer) => answer.statusCode === 200);
    assert.equal(winners.length, 1, answers.map((answer) => answer.body).join("\n"));
    const latched = await Promise.all(ids.map((id) => getCustomer(ctx, account, id)));
    const holders = latched.filter((customer) => customer.hubSpotId !== null).map((customer) => customer.id);
    assert.equal(
      holders.length,
      1,
      JSON.stringify(latched.map((customer) => [customer.id, customer.hubSpotId])),
    );
    for (const answer of answers.filter((a) => a.statusCode !== 200)) {
      assert.equal(answer.statusCode, 400, answer.body);
      assert.equal(answer.json().Errors[0].Value, messages.hubSpotContactTaken(101, holders[0]), answer.body);
    }
  });
});
