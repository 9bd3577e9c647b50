import type { CrmConnection } from "../crm-connection.ts";
import { CrmUnreachable, fetchWithTimeout } from "../crm-http.ts";
import { type OAuth1Credentials, oauth1Header } from "./oauth1-signature.ts";

export type CustomerLookup =
  | { kind: "found"; id: string; isPerson: boolean }
  | { kind: "not-found" }
  | { kind: "unavailable"; reason: string };

/** The connection's token-based-auth credentials (the sandbox's placeholders when it has none). */
export function netsuiteCredentials(connection: CrmConnection): OAuth1Credentials {
  const given = connection.credentials;
  const fallback = given.token ?? "sandbox";
  return {
    realm: given.accountId ?? "SANDBOX",
    consumerKey: given.consumerKey ?? fallback,
    consumerSecret: given.consumerSecret ?? fallback,
    token: given.tokenId ?? fallback,
    tokenSecret: given.tokenSecret ?? fallback,
  };
}

/**
 * NetSuite's REST record API over fetch, every request signed with token-based
 * auth (OAuth 1.0a, HMAC-SHA256). `connection.baseUrl` is
 * `https://{account}.suitetalk.api.netsuite.com` (or the sandbox); credentials
 * are `accountId` (the realm), `consumerKey`, `consumerSecret`, `tokenId`, `tokenSecret`.
 */
export class NetsuiteConnector {
  private readonly credentials: OAuth1Credentials;

  constructor(
    private readonly connection: CrmConnection,
    private readonly timeoutMs: number,
  ) {
    this.credentials = netsuiteCredentials(connection);
  }

  /** Whether customer `reference` (an internal id or `eid:{externalId}`) exists, with its internal id. */
  async findCustomer(reference: string): Promise<CustomerLookup> {
    const path = `/services/rest/record/v1/customer/${encodeURIComponent(reference).replace(/%3A/gi, ":")}`;
    const url = `${this.connection.baseUrl}${path}?fields=id,isPerson,isInactive`;
    try {
      const response = await fetchWithTimeout(
        url,
        {
          headers: { authorization: oauth1Header("GET", url, this.credentials), accept: "application/json" },
        },
        this.timeoutMs,
      );
      if (response.status === 404) return { kind: "not-found" };
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.status !== 200) throw new CrmUnreachable(describeFailure(response.status, body));
      if (body.id === undefined || body.id === null)
        throw new CrmUnreachable("NetSuite answered without an id");
      return { kind: "found", id: String(body.id), isPerson: body.isPerson === true };
    } catch (error) {
      if (error instanceof CrmUnreachable) return { kind: "unavailable", reason: error.message };
      throw error;
    }
  }
}

export function describeFailure(status: number, body: Record<string, unknown>): string {
  const details = body["o:errorDetails"] as { "o:errorCode"?: string }[] | undefined;
  const code = details?.[0]?.["o:errorCode"];
  if (status === 401) return `the credentials were rejected (HTTP 401${code ? ` ${code}` : ""})`;
  if (status === 429) return "the account's concurrency limit is reached (HTTP 429)";
  return `HTTP ${status}${code ? ` ${code}` : ""}`;
}
