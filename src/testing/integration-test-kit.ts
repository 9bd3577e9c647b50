import assert from "node:assert/strict";
import type { CrmName } from "../integrations/crm-connection.ts";
import type { TestAccount, TestContext } from "./test-app.ts";

/**
 * Helpers for the Salesforce and NetSuite route tests: the app listens on a
 * real port (the connectors reach the built-in sandboxes over HTTP), requests
 * to our API go through `inject` with the bytes the spec pages send.
 */
export function selfUrl(ctx: TestContext): string {
  return `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
}

export async function createCustomer(
  ctx: TestContext,
  account: TestAccount,
  body: object = {},
): Promise<number> {
  const response = await ctx.app.inject({
    method: "POST",
    url: "/v1/customers",
    headers: account.headers,
    payload: body,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().id;
}

export async function getCustomer(ctx: TestContext, account: TestAccount, id: number) {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/v1/customers/${id}`,
    headers: account.headers,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** POST to our API with a raw body (a string, as the page sends it) or none at all. */
export function post(
  ctx: TestContext,
  account: TestAccount,
  url: string,
  body: string | undefined,
  headers: Record<string, string> = {},
) {
  const allHeaders = { ...account.headers, ...headers };
  return ctx.app.inject({
    method: "POST",
    url,
    headers: allHeaders,
    ...(body === undefined ? {} : { payload: body }),
  });
}

/** Injects a fault into a sandbox CRM (`POST /sandbox/{crm}/_faults`; HubSpot's may name a bearer `token`). */
export async function injectFault(ctx: TestContext, crm: CrmName, fault: object): Promise<void> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/${crm}/_faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  assert.equal(response.status, 201, await response.text());
}

export async function clearFaults(ctx: TestContext, crm: CrmName): Promise<void> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/${crm}/_faults`, { method: "DELETE" });
  assert.equal(response.status, 204, await response.text());
}

export function envelope(status: number, message: string) {
  return { ErrorId: 0, HttpStatusCode: status, Errors: [{ Key: "Api Error", Value: message }] };
}
