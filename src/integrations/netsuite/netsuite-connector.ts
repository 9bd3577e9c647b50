import { Type } from "typebox";
import { readAnswer, readErrorBody, shapeOrUndefined } from "../crm-answer.ts";
import type { CrmCallLogger } from "../crm-call-log.ts";
import type { CrmConnection } from "../crm-connection.ts";
import { CrmUnreachable, fetchWithTimeout } from "../crm-http.ts";
import { type OAuth1Credentials, oauth1Header } from "./oauth1-signature.ts";

export type CustomerLookup =
  | { kind: "found"; id: string; isPerson: boolean }
  | { kind: "not-found" }
  | { kind: "unavailable"; reason: string };

/** What a GET of a customer record answers with the fields we ask for. */
const CustomerAnswer = Type.Object({
  id: Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })]),
  isPerson: Type.Optional(Type.Boolean()),
});

/** NetSuite's error answers (RFC 9457 problem details with `o:errorDetails`). */
const NetsuiteError = Type.Object({
  "o:errorDetails": Type.Array(Type.Object({ "o:errorCode": Type.Optional(Type.String()) }), {
    minItems: 1,
  }),
});

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
    /** Logs every request at debug level (see crm-call-log.ts). */
    private readonly logger?: CrmCallLogger,
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
        { crm: "netsuite", logger: this.logger },
      );
      if (response.status === 404) return { kind: "not-found" };
      if (response.status !== 200) {
        throw new CrmUnreachable(describeFailure(response.status, await readErrorBody(response)));
      }
      const body = await readAnswer(response, CustomerAnswer, "a NetSuite customer record");
      return { kind: "found", id: String(body.id), isPerson: body.isPerson === true };
    } catch (error) {
      if (error instanceof CrmUnreachable) return { kind: "unavailable", reason: error.message };
      throw error;
    }
  }
}

/** What a failed answer says, from its status and, when the body is NetSuite's error, its first error code. */
export function describeFailure(status: number, body: unknown): string {
  const code = shapeOrUndefined(NetsuiteError, body)?.["o:errorDetails"][0]?.["o:errorCode"];
  if (status === 401) return `the credentials were rejected (HTTP 401${code ? ` ${code}` : ""})`;
  if (status === 429) return "the account's concurrency limit is reached (HTTP 429)";
  return `HTTP ${status}${code ? ` ${code}` : ""}`;
}
