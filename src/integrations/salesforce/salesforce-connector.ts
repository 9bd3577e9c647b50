import type { CrmConnection } from "../crm-connection.ts";
import { CrmUnreachable, fetchWithTimeout } from "./crm-http.ts";
import { toId18 } from "./salesforce-id.ts";

export type AccountLookup =
  | { kind: "found"; id: string; name: string | null }
  | { kind: "not-found" }
  | { kind: "unavailable"; reason: string };

interface Token {
  accessToken: string;
  instanceUrl: string;
}

const DEFAULT_API_VERSION = "v60.0";

/**
 * Tokens per org and client, shared by every request of this process. Client
 * credentials issue no refresh token: a rejected token is replaced by running
 * the grant again.
 */
const tokens = new Map<string, Token>();

/**
 * Salesforce over plain REST (fetch): the latch needs two calls (token, GET
 * Account), and owning them keeps timeouts, the one re-authorisation on 401 and
 * the mapping of every failure to "found / not found / unavailable" explicit.
 * `connection.baseUrl` is the org's My Domain URL (or the sandbox); the data
 * calls go to the `instance_url` the token answer names.
 */
export class SalesforceConnector {
  private readonly apiVersion: string;
  private readonly tokenKey: string;

  constructor(
    private readonly connection: CrmConnection,
    private readonly timeoutMs: number,
  ) {
    this.apiVersion = String(connection.settings.apiVersion ?? DEFAULT_API_VERSION);
    this.tokenKey = `${connection.baseUrl}|${this.clientId()}`;
  }

  /** Whether Account `id18` exists, with the canonical Id Salesforce returns. */
  async findAccount(id18: string): Promise<AccountLookup> {
    try {
      const path = `/services/data/${this.apiVersion}/sobjects/Account/${encodeURIComponent(id18)}?fields=Id,Name`;
      const response = await this.request(path);
      if (response.status === 200) {
        const body = (await response.json()) as { Id?: string; Name?: string };
        const id = toId18(String(body.Id ?? ""));
        if (!id) throw new CrmUnreachable("Salesforce answered without a valid Account Id");
        return { kind: "found", id, name: body.Name ?? null };
      }
      const errorCode = await firstErrorCode(response);
      if (response.status === 404 || (response.status === 400 && errorCode === "MALFORMED_ID")) {
        return { kind: "not-found" };
      }
      throw new CrmUnreachable(describeFailure(response.status, errorCode));
    } catch (error) {
      if (error instanceof CrmUnreachable) return { kind: "unavailable", reason: error.message };
      throw error;
    }
  }

  /** A data API call with the cached token; on 401 the token is renewed once and the call repeated. */
  private async request(path: string): Promise<Response> {
    let token = tokens.get(this.tokenKey) ?? (await this.authorize());
    let response = await this.send(token, path);
    if (response.status === 401) {
      tokens.delete(this.tokenKey);
      token = await this.authorize();
      response = await this.send(token, path);
    }
    return response;
  }

  private send(token: Token, path: string): Promise<Response> {
    return fetchWithTimeout(
      `${token.instanceUrl}${path}`,
      { headers: { authorization: `Bearer ${token.accessToken}`, accept: "application/json" } },
      this.timeoutMs,
    );
  }

  private async authorize(): Promise<Token> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.clientId(),
      client_secret: this.connection.credentials.clientSecret ?? this.connection.credentials.token ?? "",
    });
    const response = await fetchWithTimeout(
      `${this.connection.baseUrl}/services/oauth2/token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
      },
      this.timeoutMs,
    );
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status !== 200 || typeof body.access_token !== "string") {
      const error = typeof body.error === "string" ? body.error : undefined;
      throw new CrmUnreachable(
        `the token request was refused (HTTP ${response.status}${error ? ` ${error}` : ""})`,
      );
    }
    const token = {
      accessToken: body.access_token,
      instanceUrl: String(body.instance_url ?? this.connection.baseUrl).replace(/\/+$/, ""),
    };
    tokens.set(this.tokenKey, token);
    return token;
  }

  private clientId(): string {
    return this.connection.credentials.clientId ?? "latchwork";
  }
}

async function firstErrorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (Array.isArray(body) && typeof body[0]?.errorCode === "string") return body[0].errorCode;
  return undefined;
}

function describeFailure(status: number, errorCode: string | undefined): string {
  if (status === 401) return "the credentials were rejected (HTTP 401 INVALID_SESSION_ID)";
  if (errorCode === "REQUEST_LIMIT_EXCEEDED") return "the org's API request limit is exhausted (HTTP 403)";
  return `HTTP ${status}${errorCode ? ` ${errorCode}` : ""}`;
}
