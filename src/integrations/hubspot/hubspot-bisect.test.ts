import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { SyncWorker } from "../../sync/sync-worker.ts";
import { selfUrl } from "../../testing/integration-test-kit.ts";
import {
  callsTo,
  createHubSpotContacts,
  deadPushes,
  drain,
  latchedToContacts,
  readHubSpotContacts,
  resetSandboxStats,
  sandboxStats,
} from "../../testing/sync-test-kit.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { createHubSpotPusher } from "./hubspot-pusher.ts";

describeOnEachBackend("HubSpot batches refused for one bad record", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });

  const newWorker = () => {
    const deps = { db: ctx.db, selfUrl: () => selfUrl(ctx) };
    return new SyncWorker(deps, {
      pushers: [createHubSpotPusher(deps)],
      lingerMs: 0,
      backoff: { baseMs: 1, capMs: 10 },
    });
  };

  test("a whole-batch 400 is split until the bad records are found: they are dead-lettered with HubSpot's error, the rest delivered", async () => {
    const account = await ctx.newAccount();
    const token = `sandbox-${account.accountId}`;
    const contactIds = await createHubSpotContacts(ctx, token, 20);
    const customerIds = await latchedToContacts(ctx, account.accountId, contactIds);
    const bad = [customerIds[3], customerIds[14]] as number[];
    // HubSpot refuses an e-mail that is not an address, and with it the whole batch
    await sql`
      update customers set first_name = 'after',
        primary_email = case when id in (${sql.join(bad)}) then 'not-an-email' else 'c' || id || '@example.com' end
      where account_id = ${account.accountId}`.execute(ctx.db);
    await resetSandboxStats(ctx, "hubspot");

    await drain(ctx, newWorker(), account.accountId);
    const dead = await deadPushes(ctx, account.accountId);
    assert.deepEqual(dead.map((row) => row.customerId).sort(), [...bad].sort(), JSON.stringify(dead));
    for (const row of dead) {
      assert.match(
        String(row.lastError),
        /^HubSpot refused the update of contact \d+ \(400\): Property values were not valid: .*INVALID_EMAIL/,
        JSON.stringify(dead),
      );
    }
    const contacts = await readHubSpotContacts(ctx, token, contactIds);
    const wrong = contactIds.filter((contactId, index) => {
      const expected = bad.includes(customerIds[index] as number) ? `new${index}` : "after";
      return contacts.get(contactId)?.firstname !== expected;
    });
    assert.deepEqual(wrong, [], JSON.stringify([...contacts]));
    // 2 bad records in 20: each is found in at most ⌈log2 20⌉ = 5 halvings, two calls each, plus the first
    const calls = callsTo(await sandboxStats(ctx, "hubspot"), "batch/update");
    assert.ok(calls > 1 && calls <= 1 + 2 * 2 * 5, `${calls} calls`);

    // the customer's next change (a valid address) sends it again
    await sql`update customers set primary_email = 'fixed@example.com' where id = ${bad[0]}`.execute(ctx.db);
    await drain(ctx, newWorker(), account.accountId);
    const left = await deadPushes(ctx, account.accountId);
    assert.deepEqual(
      left.map((row) => row.customerId),
      [bad[1]],
      JSON.stringify(left),
    );
    const fixed = (await readHubSpotContacts(ctx, token, [contactIds[3] as string])).get(
      contactIds[3] as string,
    );
    assert.deepEqual([fixed?.firstname, fixed?.email], ["after", "fixed@example.com"], JSON.stringify(fixed));
  });
});
