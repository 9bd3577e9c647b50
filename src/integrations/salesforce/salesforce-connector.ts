import { Type } from "typebox";
import { readAnswer } from "../crm-answer.ts";
import type { CrmCallLogger } from "../crm-call-log.ts";
import type { CrmConnection } from "../crm-connection.ts";
import { CrmAnswerUnexpected, CrmUnreachable } from "../crm-http.ts";
import { toId18 } from "./salesforce-id.ts";
import { describeFailure, firstErrorCode, SalesforceSession } from "./salesforce-session.ts";

export type AccountLookup =
  | { kind: "found"; id: string; name: string | null }
  | { kind: "not-found" }
  | { kind: "unavailable"; reason: string };

/** What a GET of an Account answers with the fields we ask for. */
const AccountAnswer = Type.Object({
  Id: Type.String(),
  Name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

/**
 * Salesforce over plain REST (fetch): the latch needs two calls (token, GET
 * Account), and owning them keeps timeouts, the one re-authorisation on 401
 * (in SalesforceSession, shared with the sync pusher) and the mapping of every
 * failure to "found / not found / unavailable" explicit.
 */
export class SalesforceConnector {
  private readonly session: SalesforceSession;

  constructor(connection: CrmConnection, timeoutMs: number, logger?: CrmCallLogger) {
    this.session = new SalesforceSession(connection, timeoutMs, logger);
  }

  /** Whether Account `id18` exists, with the canonical Id Salesforce returns. */
  async findAccount(id18: string): Promise<AccountLookup> {
    try {
      const path = `/services/data/${this.session.apiVersion}/sobjects/Account/${encodeURIComponent(id18)}?fields=Id,Name`;
      const response = await this.session.request(path);
      if (response.status === 200) {
        const body = await readAnswer(response, AccountAnswer, "a Salesforce Account");
        const id = toId18(body.Id);
        if (!id) throw new CrmAnswerUnexpected("Salesforce answered without a valid Account Id");
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
}
