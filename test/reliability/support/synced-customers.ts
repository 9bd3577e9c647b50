import { sleep } from "../../../src/testing/wait-for.ts";
import type { Crm, RecordingSandbox } from "./recording-sandbox.ts";

export interface ApiAnswer {
  status: number;
  body: string;
  json(): Record<string, unknown>;
}

/** Our API over real HTTP with the default account's key, as an integrator calls it. */
export class ApiClient {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async call(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Basic ${this.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text, json: () => JSON.parse(text) };
  }

  /** The call's JSON answer; anything but 200 throws with the body. */
  async ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.call(method, path, body);
    if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${answer.body}`);
    return answer.json();
  }
}

/** A Fusebill customer synced to one record in each CRM (HubSpot: a contact and a company). */
export interface SyncedCustomer {
  id: number;
  hubspotContact: string;
  hubspotCompany: string;
  salesforce: string;
  netsuite: string;
}

/**
 * Points the account's three CRM connections at `sandbox` (another process's
 * sandboxes, as a real CRM would be). The call timeout stays generous (10 s)
 * unless a test shortens it: on a loaded machine a short one gives up on
 * calls the CRM then performs, which are then legitimately sent twice.
 */
export async function connectCrms(api: ApiClient, sandbox: RecordingSandbox, timeoutMs = 10_000) {
  const credentials: Record<Crm, Record<string, string>> = {
    hubspot: { accessToken: "pat-na1-11111111-2222-3333-4444-555555555555" },
    salesforce: {
      instanceUrl: sandbox.base("salesforce"),
      clientId: "3MVG9-reliability-client",
      clientSecret: "sf-client-secret-0123456789abcdef",
    },
    netsuite: {
      accountId: "SANDBOX",
      consumerKey: "ns-consumer-key-0123456789",
      consumerSecret: "ns-consumer-secret-0123456789",
      tokenId: "ns-token-id-0123456789",
      tokenSecret: "ns-token-secret-0123456789",
    },
  };
  for (const crm of ["hubspot", "salesforce", "netsuite"] as const) {
    await api.ok("PUT", `/v1/integrations/${crm}`, {
      baseUrl: sandbox.base(crm),
      credentials: credentials[crm],
      settings: { timeoutMs },
    });
  }
  return credentials;
}

/** Creates `count` customers and latches each to fresh records of every CRM, with sync enabled. */
export async function createSyncedCustomers(
  api: ApiClient,
  sandbox: RecordingSandbox,
  count: number,
  tag: string,
): Promise<SyncedCustomer[]> {
  const customers: SyncedCustomer[] = [];
  for (let index = 0; index < count; index++) {
    const companyName = `${tag}-${index}-init`;
    const created = await api.ok("POST", "/v1/customers", {
      firstName: "Reli",
      lastName: `Able${index}`,
      companyName,
    });
    const id = Number(created.id);
    const customer: SyncedCustomer = {
      id,
      hubspotContact: await sandbox.createRecord("hubspot", { firstname: "Reli", lastname: `Able${index}` }),
      hubspotCompany: await sandbox.createRecord("hubspot-company", { name: companyName }),
      salesforce: await sandbox.createRecord("salesforce", { Name: companyName }),
      netsuite: await sandbox.createRecord("netsuite", { companyName, isPerson: false }),
    };
    await api.ok("POST", "/v1/HubSpot/latchCustomer", {
      fusebillId: id,
      hubSpotId: customer.hubspotContact,
      hubSpotCompanyId: customer.hubspotCompany,
    });
    await api.ok("POST", "/v1/Salesforce/Latch", { fusebillId: id, salesforceId: customer.salesforce });
    await api.ok("POST", `/v1/Salesforce/EnableSynch/${id}`);
    await api.ok("POST", "/v1/NetSuite/LatchCustomer", { fusebillId: id, netsuiteId: customer.netsuite });
    await api.ok("POST", `/v1/Netsuite/EnableSynch/${id}`);
    customers.push(customer);
  }
  return customers;
}

/** The CRM records of a customer and the field of each that carries its companyName. */
export function crmRecordsOf(customer: SyncedCustomer) {
  return [
    {
      crm: "hubspot" as const,
      key: `hubspot:contacts:${customer.hubspotContact}`,
      id: customer.hubspotContact,
      field: "company",
    },
    {
      crm: "hubspot-company" as const,
      key: `hubspot:companies:${customer.hubspotCompany}`,
      id: customer.hubspotCompany,
      field: "name",
    },
    {
      crm: "salesforce" as const,
      key: `salesforce:${customer.salesforce}`,
      id: customer.salesforce,
      field: "Name",
    },
    {
      crm: "netsuite" as const,
      key: `netsuite:${customer.netsuite}`,
      id: customer.netsuite,
      field: "companyName",
    },
  ];
}

/** Each CRM record whose companyName differs from the customer's in Latchwork now. */
export async function crmMismatches(api: ApiClient, sandbox: RecordingSandbox, customers: SyncedCustomer[]) {
  const wrong: string[] = [];
  for (const customer of customers) {
    const stored = (await api.ok("GET", `/v1/customers/${customer.id}`)).companyName;
    for (const record of crmRecordsOf(customer)) {
      const fields = await sandbox.readRecord(record.crm, record.id);
      if (fields[record.field] !== stored)
        wrong.push(
          `${record.key}: ${record.field}=${JSON.stringify(fields[record.field])}, Latchwork ${stored}`,
        );
    }
  }
  return wrong;
}

/** The account's sync queue (GET /v1/sync): pending and dead pushes per CRM. */
export async function queueOf(api: ApiClient) {
  return (await api.ok("GET", "/v1/sync")) as Record<Crm, { pending: number; dead: number }>;
}

/**
 * Waits until the outbox is empty and every CRM record shows its customer's
 * state, or `deadlineMs` has passed (a claim orphaned by a kill is re-claimed
 * after its 60 s lease, so the wait after a crash can be that long). Returns
 * what is still wrong (empty: all delivered).
 */
export async function waitForDelivery(
  api: ApiClient,
  sandbox: RecordingSandbox,
  customers: SyncedCustomer[],
  deadlineMs: number,
): Promise<string[]> {
  const deadline = Date.now() + deadlineMs;
  let problems: string[] = [];
  while (Date.now() < deadline) {
    const queue = await queueOf(api);
    const busy = Object.entries(queue).filter(([, q]) => q.pending > 0 || q.dead > 0);
    problems = busy.map(([crm, q]) => `${crm}: ${JSON.stringify(q)}`);
    // a dead letter waits for a replay: waiting longer cannot help
    if (busy.some(([, q]) => q.dead > 0)) return problems;
    if (busy.length === 0) {
      problems = await crmMismatches(api, sandbox, customers);
      if (problems.length === 0) return [];
    }
    await sleep(500);
  }
  return problems;
}
