import type { CrmName } from "../../src/integrations/crm-connection.ts";
import { oauth1Header } from "../../src/integrations/netsuite/oauth1-signature.ts";

/**
 * The sync bench's side door into the sandbox CRMs (`npm run sandbox`, its own
 * process): it creates the records the customers are latched to, reads their
 * modification times and the sandbox's call counts, through the vendor APIs.
 */
export const NETSUITE_OAUTH = {
  realm: "SANDBOX",
  consumerKey: "sandbox",
  consumerSecret: "sandbox",
  token: "sandbox",
  tokenSecret: "sandbox",
};
const HUBSPOT_TOKEN = "bench-seed";

async function json(response: Response): Promise<Record<string, unknown>> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

const post = (url: string, body: unknown, authorization?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

async function salesforceToken(root: string): Promise<string> {
  const body = await json(
    await post(`${root}/services/oauth2/token`, {
      grant_type: "client_credentials",
      client_id: "bench",
      client_secret: "bench",
    }),
  );
  return `Bearer ${body.access_token}`;
}

/** Runs `work` over 0 … count-1, `concurrency` at a time. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Creates `count` records in the sandbox of `crm` (under `root`); returns their ids in order. */
export async function seedRemote(root: string, crm: CrmName, count: number): Promise<string[]> {
  const ids = new Array<string>(count);
  if (crm === "hubspot") {
    for (let start = 0; start < count; start += 100) {
      const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
        properties: { firstname: `seed${start + i}`, email: `seed${start + i}@example.com` },
      }));
      const url = `${root}/crm/v3/objects/contacts/batch/create`;
      const body = await json(await post(url, { inputs }, `Bearer ${HUBSPOT_TOKEN}`));
      (body.results as { id: string }[]).forEach((result, i) => {
        ids[start + i] = result.id;
      });
    }
    return ids;
  }
  if (crm === "salesforce") {
    const authorization = await salesforceToken(root);
    await pool(count, 4, async (i) => {
      const url = `${root}/services/data/v60.0/sobjects/Account`;
      ids[i] = String((await json(await post(url, { Name: `Seed ${i}` }, authorization))).id);
    });
    return ids;
  }
  const url = `${root}/services/rest/record/v1/customer`;
  await pool(count, 4, async (i) => {
    const response = await post(
      url,
      { companyName: `Seed ${i}`, isPerson: false },
      oauth1Header("POST", url, NETSUITE_OAUTH),
    );
    await json(response);
    ids[i] = String(response.headers.get("location")?.split("/").pop());
  });
  return ids;
}

/** Modification time (ms) of each record, read through the vendor API. */
export async function remoteModifiedAt(root: string, crm: CrmName, ids: string[]): Promise<number[]> {
  const times = new Array<number>(ids.length);
  if (crm === "hubspot") {
    for (let start = 0; start < ids.length; start += 100) {
      const slice = ids.slice(start, start + 100);
      const body = await json(
        await post(
          `${root}/crm/v3/objects/contacts/batch/read`,
          { inputs: slice.map((id) => ({ id })), properties: [] },
          `Bearer ${HUBSPOT_TOKEN}`,
        ),
      );
      const byId = new Map(
        (body.results as { id: string; updatedAt: string }[]).map((r) => [r.id, r.updatedAt]),
      );
      slice.forEach((id, k) => {
        times[start + k] = Date.parse(String(byId.get(id)));
      });
    }
    return times;
  }
  const authorization = crm === "salesforce" ? await salesforceToken(root) : "";
  await pool(ids.length, 4, async (i) => {
    const url =
      crm === "salesforce"
        ? `${root}/services/data/v60.0/sobjects/Account/${ids[i]}`
        : `${root}/services/rest/record/v1/customer/${ids[i]}`;
    const headers = { authorization: authorization || oauth1Header("GET", url, NETSUITE_OAUTH) };
    const body = await json(await fetch(url, { headers }));
    times[i] = Date.parse(String(crm === "salesforce" ? body.LastModifiedDate : body.lastModifiedDate));
  });
  return times;
}

/** Vendor calls and rate-limit answers the sandbox of `crm` counted since its last reset. */
export async function sandboxStats(
  root: string,
): Promise<{ requests: number; rateLimited: number; byPath: Record<string, number> }> {
  const body = await json(await fetch(`${root}/_stats`));
  const byStatus = (body.byStatus ?? {}) as Record<string, number>;
  return {
    requests: Number(body.requests),
    rateLimited: Number(body.rateLimited ?? byStatus["429"] ?? 0),
    byPath: (body.byPath ?? {}) as Record<string, number>,
  };
}

export async function resetSandboxStats(root: string): Promise<void> {
  await json(await fetch(`${root}/_stats/reset`, { method: "POST" }));
}

/** The body of `PUT /v1/integrations/{crm}` that points the account at this sandbox. */
export function connectionBody(crm: CrmName, base: string) {
  switch (crm) {
    case "hubspot":
      return { baseUrl: base, credentials: { accessToken: "bench-hubspot" } };
    case "salesforce":
      return { baseUrl: base, credentials: { instanceUrl: base, clientId: "bench", clientSecret: "bench" } };
    case "netsuite":
      return {
        baseUrl: base,
        credentials: {
          accountId: NETSUITE_OAUTH.realm,
          consumerKey: NETSUITE_OAUTH.consumerKey,
          consumerSecret: NETSUITE_OAUTH.consumerSecret,
          tokenId: NETSUITE_OAUTH.token,
          tokenSecret: NETSUITE_OAUTH.tokenSecret,
        },
      };
  }
}
