import { Type } from "typebox";
import { readAnswer, readErrorBody, shapeOrUndefined } from "../crm-answer.ts";
import type { CrmCallLogger } from "../crm-call-log.ts";
import { type CrmConnection, CrmCredentialsRejected } from "../crm-connection.ts";
import { CrmUnreachable, fetchWithTimeout } from "../crm-http.ts";
import { recordApiUsage } from "./salesforce-api-usage.ts";

interface Token {
  accessToken: string;
  instanceUrl: string;
}

export const DEFAULT_API_VERSION = "v60.0";

/** The token grant's answer; `instance_url` names where the data API lives. */
const TokenAnswer = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  instance_url: Type.Optional(Type.String({ pattern: "^https?://" })),
});
const TokenRefusal = Type.Object({ error: Type.String() });
/** Salesforce's error answers: an array of `{errorCode, message}`. */
export const SalesforceErrors = Type.Array(
  Type.Object({ errorCode: Type.String(), message: Type.Optional(Type.String()) }),
  { minItems: 1 },
);

/**
 * Tokens per org and client, shared by every connector and pusher of this
 * process (one grant serves latches and sync alike). Client credentials issue
 * no refresh token: a rejected token is replaced by running the grant again.
 * Pending grants are shared too, so a burst of calls asks for one token.
 */
const tokens = new Map<string, CachedToken>();

interface CachedToken {
  pending: Promise<Token>;
  /** Set once the grant answered. */
  value?: Token;
}

/**
 * Salesforce's data API for one connection: every call carries the cached
 * bearer token; on 401 the token is renewed once and the call repeated.
 * `connection.baseUrl` is the org's My Domain URL (or the sandbox); data calls
 * go to the `instance_url` the token answer names. Every answer's
 * `Sforce-Limit-Info` is recorded for the allocation guard.
 */
export class SalesforceSession {
  readonly apiVersion: string;
  /** Identifies the org and client: the key of the token cache and of the API usage. */
  readonly key: string;

  constructor(
    private readonly connection: CrmConnection,
    private readonly timeoutMs: number,
    /** Logs every request at debug level (see crm-call-log.ts). */
    private readonly logger?: CrmCallLogger,
  ) {
    this.apiVersion = String(connection.settings.apiVersion ?? DEFAULT_API_VERSION);
    this.key = `${connection.baseUrl}|${this.clientId()}`;
  }

  /** `path` starts with `/services/data/{version}`; a JSON body is sent as JSON. */
  async request(path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    let token = await this.token();
    let response = await this.send(token, path, init, 1);
    if (response.status === 401) {
      this.forget(token);
      token = await this.token();
      response = await this.send(token, path, init, 2);
    }
    return response;
  }

  private async send(
    token: Token,
    path: string,
    init: { method?: string; json?: unknown },
    attempt: number,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token.accessToken}`,
      accept: "application/json",
    };
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const response = await fetchWithTimeout(
      `${token.instanceUrl}${path}`,
      {
        method: init.method ?? "GET",
        headers,
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      },
      this.timeoutMs,
      { crm: "salesforce", logger: this.logger, attempt },
    );
    recordApiUsage(this.key, response.headers.get("sforce-limit-info"));
    return response;
  }

  private token(): Promise<Token> {
    const cached = tokens.get(this.key);
    if (cached) return cached.pending;
    const entry: CachedToken = { pending: this.authorize() };
    tokens.set(this.key, entry);
    entry.pending.then(
      (value) => {
        entry.value = value;
      },
      // a refused grant is not cached: the next call asks again
      () => {
        if (tokens.get(this.key) === entry) tokens.delete(this.key);
      },
    );
    return entry.pending;
  }

  /** Drops `token` from the cache unless another call has already replaced it. */
  private forget(token: Token): void {
    if (tokens.get(this.key)?.value === token) tokens.delete(this.key);
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
      { crm: "salesforce", logger: this.logger },
    );
    if (response.status !== 200) {
      const error = shapeOrUndefined(TokenRefusal, await readErrorBody(response))?.error;
      const reason = `the token request was refused (HTTP ${response.status}${error ? ` ${error}` : ""})`;
      // 400 invalid_client / invalid_grant, 401: the client credentials themselves are refused
      if (response.status === 400 || response.status === 401) throw new CrmCredentialsRejected(reason);
      throw new CrmUnreachable(reason);
    }
    const body = await readAnswer(response, TokenAnswer, "a Salesforce token answer");
    return {
      accessToken: body.access_token,
      instanceUrl: (body.instance_url ?? this.connection.baseUrl).replace(/\/+$/, ""),
    };
  }

  private clientId(): string {
    return this.connection.credentials.clientId ?? "latchwork";
  }
}

/** The first `errorCode` of Salesforce's error array, if the body is one. */
export async function firstErrorCode(response: Response): Promise<string | undefined> {
  return shapeOrUndefined(SalesforceErrors, await readErrorBody(response))?.[0]?.errorCode;
}

export function describeFailure(status: number, errorCode: string | undefined): string {
  if (status === 401) return "the credentials were rejected (HTTP 401 INVALID_SESSION_ID)";
  if (errorCode === "REQUEST_LIMIT_EXCEEDED") return "the org's API request limit is exhausted (HTTP 403)";
  return `HTTP ${status}${errorCode ? ` ${errorCode}` : ""}`;
}
