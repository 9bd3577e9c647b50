import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { App } from "../../../src/http/app.ts";
import { registerBodyParsing } from "../../../src/http/body-parsing.ts";
import { registerErrorHandling } from "../../../src/http/error-handler.ts";
import { registerHubSpotSandbox } from "../../../src/integrations/hubspot/sandbox/hubspot-sandbox.ts";
import { oauth1Header } from "../../../src/integrations/netsuite/oauth1-signature.ts";
import {
  NETSUITE_SANDBOX_PREFIX,
  netsuiteSandbox,
} from "../../../src/integrations/netsuite/sandbox/netsuite-sandbox.ts";
import {
  SALESFORCE_SANDBOX_PREFIX,
  salesforceSandbox,
} from "../../../src/integrations/salesforce/sandbox/salesforce-sandbox.ts";

export type Crm = "hubspot" | "salesforce" | "netsuite";

/** One record a CRM accepted: an update of `key` with `fields`, or the creation of a record. */
export interface Delivery {
  crm: Crm;
  kind: "update" | "create";
  /** `hubspot:contacts:1001`, `salesforce:001…`, `netsuite:1745000`. */
  key: string;
  fields: Record<string, unknown>;
  /** When the CRM accepted it (Date.now()). */
  at: number;
}

/**
 * The three sandbox CRMs of `npm run sandbox` (src/sandbox-server.ts), served
 * from the test's own process so that they outlive every `kill -9` of the
 * server under test, plus a log of every record write they accepted: what a
 * CRM-side audit would show, to prove that each change arrived exactly once.
 */
export class RecordingSandbox {
  readonly deliveries: Delivery[] = [];
  /** The Salesforce access tokens the sandbox granted: secrets a log must not show either. */
  readonly issuedTokens: string[] = [];
  /** The CRM of each call refused for its credentials (401, or a refused token grant). */
  readonly refusals: Crm[] = [];
  private constructor(
    private readonly app: App,
    readonly url: string,
  ) {}

  static async start(): Promise<RecordingSandbox> {
    const app = Fastify({
      logger: false,
      routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
      ajv: {
        customOptions: { coerceTypes: "array", removeAdditional: true, useDefaults: true, strict: false },
      },
    }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
    registerErrorHandling(app as unknown as FastifyInstance);
    registerBodyParsing(app as unknown as FastifyInstance);
    let sandbox: RecordingSandbox | undefined;
    // onSend runs only for answers actually sent (not for a "timeout" fault's dropped socket)
    app.addHook("onSend", async (request, reply, payload) => {
      if (reply.statusCode < 300) {
        const at = Date.now();
        sandbox?.deliveries.push(...writesOf(request, payload).map((write) => ({ ...write, at })));
      }
      const crm = /^\/sandbox\/(hubspot|salesforce|netsuite)\//i.exec(request.url)?.[1]?.toLowerCase() as Crm;
      if (
        crm &&
        (reply.statusCode === 401 || /\/oauth2\/token/i.test(request.url)) &&
        reply.statusCode >= 400
      )
        sandbox?.refusals.push(crm);
      if (reply.statusCode === 200 && /\/services\/oauth2\/token/i.test(request.url))
        sandbox?.issuedTokens.push(String(JSON.parse(String(payload)).access_token));
      return payload;
    });
    registerHubSpotSandbox(app);
    app.register(salesforceSandbox, { prefix: SALESFORCE_SANDBOX_PREFIX });
    app.register(netsuiteSandbox, { prefix: NETSUITE_SANDBOX_PREFIX });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as { port: number }).port;
    sandbox = new RecordingSandbox(app, `http://127.0.0.1:${port}`);
    return sandbox;
  }

  base(crm: Crm): string {
    return `${this.url}/sandbox/${crm}`;
  }

  close(): Promise<void> {
    return this.app.close();
  }

  /** Updates of one record, in the order the CRM accepted them. */
  updatesOf(key: string): Record<string, unknown>[] {
    return this.deliveries.filter((d) => d.key === key && d.kind === "update").map((d) => d.fields);
  }

  creates(): Delivery[] {
    return this.deliveries.filter((d) => d.kind === "create");
  }

  async injectFault(crm: Crm, fault: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.base(crm)}/_faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    if (response.status !== 201) throw new Error(`fault refused: ${await response.text()}`);
  }

  async clearFaults(crm: Crm): Promise<void> {
    const response = await fetch(`${this.base(crm)}/_faults`, { method: "DELETE" });
    if (response.status !== 204) throw new Error(`faults not cleared: ${await response.text()}`);
  }

  /** Creates a record directly in the CRM (as its users would) and returns its id. */
  async createRecord(crm: Crm | "hubspot-company", fields: Record<string, unknown>): Promise<string> {
    if (crm === "hubspot" || crm === "hubspot-company") {
      const type = crm === "hubspot" ? "contacts" : "companies";
      const body = await this.call("POST", `${this.base("hubspot")}/crm/v3/objects/${type}`, {
        properties: fields,
      });
      return String(body.id);
    }
    if (crm === "salesforce") {
      const url = `${this.base("salesforce")}/services/data/v60.0/sobjects/Account`;
      return String((await this.call("POST", url, fields)).id);
    }
    const url = `${this.base("netsuite")}/services/rest/record/v1/customer`;
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: netsuiteAuth("POST", url), "content-type": "application/json" },
      body: JSON.stringify(fields),
    });
    const location = response.headers.get("location");
    if (response.status !== 204 || !location) throw new Error(`NetSuite create: ${await response.text()}`);
    return location.slice(location.lastIndexOf("/") + 1);
  }

  /** The record's current fields as the CRM shows them (HubSpot: its properties). */
  async readRecord(crm: Crm | "hubspot-company", id: string): Promise<Record<string, unknown>> {
    if (crm === "hubspot" || crm === "hubspot-company") {
      const type = crm === "hubspot" ? "contacts" : "companies";
      const url = `${this.base("hubspot")}/crm/v3/objects/${type}/${id}?properties=company,name,firstname,lastname`;
      return (await this.call("GET", url)).properties as Record<string, unknown>;
    }
    if (crm === "salesforce") {
      return this.call("GET", `${this.base("salesforce")}/services/data/v60.0/sobjects/Account/${id}`);
    }
    const url = `${this.base("netsuite")}/services/rest/record/v1/customer/${id}`;
    const response = await fetch(url, { headers: { authorization: netsuiteAuth("GET", url) } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`NetSuite read ${id}: ${response.status} ${text}`);
    return JSON.parse(text);
  }

  private async call(method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: "Bearer reliability-test",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return JSON.parse(text);
  }
}

function netsuiteAuth(method: string, url: string): string {
  return oauth1Header(method, url, {
    realm: "SANDBOX",
    consumerKey: "test",
    consumerSecret: "test",
    token: "test",
    tokenSecret: "test",
  });
}

type Json = Record<string, unknown>;

/** The record writes a successful vendor call made (sandbox paths as in src/integrations/{crm}/sandbox). */
function writesOf(request: FastifyRequest, payload: unknown): Omit<Delivery, "at">[] {
  const path = request.url.split("?")[0] ?? "";
  const body = (request.body ?? {}) as Json;
  const method = request.method;
  let match =
    /^\/sandbox\/hubspot\/crm\/v3\/objects\/(contacts|companies)(?:\/([^/]+))?(?:\/([^/]+))?$/i.exec(path);
  if (match) {
    const [, rawType, rawSecond, third] = match;
    const type = rawType?.toLowerCase();
    const second = rawSecond?.toLowerCase() === "batch" ? "batch" : rawSecond;
    const inputs = (body.inputs ?? []) as { id?: string; properties?: Json }[];
    if (method === "POST" && second === "batch" && third === "update")
      return inputs.map((input) => hubspot("update", `${type}:${input.id}`, input.properties));
    if (method === "POST" && second === "batch" && third === "create")
      return inputs.map((input) => hubspot("create", `${type}:new`, input.properties));
    if (method === "PATCH" && second && !third)
      return [hubspot("update", `${type}:${second}`, body.properties)];
    if (method === "POST" && !second) return [hubspot("create", `${type}:new`, body.properties)];
    return [];
  }
  match =
    /^\/sandbox\/salesforce\/services\/data\/[^/]+\/(composite\/sobjects|sobjects\/account)(?:\/([^/]+))?$/i.exec(
      path,
    );
  if (match) {
    const [, rawKind, id] = match;
    const kind = rawKind?.toLowerCase();
    if (kind === "composite/sobjects" && !id && (method === "PATCH" || method === "POST")) {
      const results = JSON.parse(String(payload)) as { id: string | null; success: boolean }[];
      const records = (body.records ?? []) as Json[];
      return records.flatMap((record, index) => {
        if (!results[index]?.success) return [];
        const { attributes: _attributes, id: _id, ...fields } = record;
        const kindOf = method === "PATCH" ? "update" : "create";
        return [
          { crm: "salesforce" as const, kind: kindOf, key: `salesforce:${results[index]?.id}`, fields },
        ];
      });
    }
    if (kind === "sobjects/account" && id && method === "PATCH")
      return [{ crm: "salesforce", kind: "update", key: `salesforce:${id}`, fields: body }];
    if (kind === "sobjects/account" && !id && method === "POST")
      return [{ crm: "salesforce", kind: "create", key: "salesforce:new", fields: body }];
    return [];
  }
  match = /^\/sandbox\/netsuite\/services\/rest\/record\/v1\/customer(?:\/([^/]+))?$/i.exec(path);
  if (match) {
    const [, id] = match;
    if (method === "PATCH" && id)
      return [{ crm: "netsuite", kind: "update", key: `netsuite:${id}`, fields: body }];
    if (method === "POST" && !id)
      return [{ crm: "netsuite", kind: "create", key: "netsuite:new", fields: body }];
  }
  return [];
}

function hubspot(kind: Delivery["kind"], key: string, properties: unknown): Omit<Delivery, "at"> {
  return { crm: "hubspot", kind, key: `hubspot:${key}`, fields: (properties ?? {}) as Json };
}
