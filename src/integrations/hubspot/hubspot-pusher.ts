import { createHash } from "node:crypto";
import type { Client } from "@hubspot/api-client";
import { Type } from "typebox";
import { messages } from "../../errors/messages.ts";
import { type CrmConnection, crmTimeoutMs, type IntegrationDeps } from "../crm-connection.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "../crm-pusher.ts";
import { bucketShape, type RateLimit, rateLimitFrom, waitForTokens } from "../rate-limit/take-tokens.ts";
import {
  combineOutcomes,
  type ObjectKind,
  outcomesFromBatch,
  outcomesFromFailure,
} from "./hubspot-batch-outcome.ts";
import { toHubSpotCompanyProperties, toHubSpotContactProperties } from "./hubspot-mapping.ts";
import { callHubSpot, hubSpotToken, isSdkError } from "./hubspot-sdk-call.ts";

export interface HubSpotPusherOptions {
  /** The limit of a connection whose settings name none: HubSpot's Free/Starter 100 per 10 s (crm-apis.md §0). */
  defaultRateLimit?: RateLimit;
  /** Longest a push waits inline for a token; beyond it the batch goes back to the outbox with a retry time. */
  maxWaitMs?: number;
}

/** HubSpot's batch endpoints take at most 100 inputs (crm-apis.md §0). */
const BATCH_LIMIT = 100;
const DEFAULT_RATE_LIMIT: RateLimit = { requests: 100, perMs: 10_000 };

/**
 * A batch update's answer (200, or 207 with errors): `results` holds the
 * records written. Errors name their inputs in `context.ids` (or `id`).
 */
const BatchAnswer = Type.Object({
  status: Type.String(),
  results: Type.Array(Type.Object({ id: Type.String() })),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        category: Type.Optional(Type.String()),
        message: Type.Optional(Type.String()),
        id: Type.Optional(Type.String()),
        context: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
      }),
    ),
  ),
});

interface BatchInput {
  id: string;
  properties: Record<string, string>;
}

/**
 * HubSpot limits per token (private app) and portal, so the bucket is keyed by
 * the connection's base URL and token: two accounts sharing one portal token
 * share its budget. The key is a hash: no credential is stored in the clear.
 */
export function hubSpotBucketKey(connection: CrmConnection): string {
  const digest = createHash("sha256")
    .update(`${connection.baseUrl}\n${hubSpotToken(connection)}`)
    .digest("hex");
  return `hubspot:${digest.slice(0, 32)}`;
}

/**
 * The HubSpot side of the sync engine: each batch of up to 100 customers
 * becomes at most one batch update of contacts (by vid = hubSpotId) and one of
 * companies (by hubSpotCompanyId). Updates by id only, never a create, so a
 * retry cannot duplicate a record. Every call first takes a token from the
 * connection's bucket in the database, shared by all workers. A 401 is final
 * at once (a private-app token has nothing to refresh); a 400 batch is bisected.
 */
export function createHubSpotPusher(deps: IntegrationDeps, options: HubSpotPusherOptions = {}): CrmPusher {
  const maxWaitMs = options.maxWaitMs ?? 5_000;

  async function update(
    connection: CrmConnection,
    kind: ObjectKind,
    inputs: BatchInput[],
  ): Promise<PushOutcome[]> {
    const ids = inputs.map((input) => input.id);
    const limit = rateLimitFrom(
      connection.settings.rateLimit,
      options.defaultRateLimit ?? DEFAULT_RATE_LIMIT,
    );
    const waitMs = await waitForTokens(deps.db, hubSpotBucketKey(connection), bucketShape(limit), {
      maxWaitMs,
    });
    if (waitMs > 0) {
      const outcome: PushOutcome = {
        status: "retry",
        error: messages.crmPushThrottled("HubSpot", waitMs),
        retryAfterMs: waitMs,
      };
      return ids.map(() => outcome);
    }
    const batchApi = (client: Client) =>
      kind === "contact" ? client.crm.contacts.batchApi : client.crm.companies.batchApi;
    try {
      const answer = await callHubSpot(
        deps,
        connection,
        { schema: BatchAnswer, what: "a HubSpot batch answer" },
        (client) => batchApi(client).update({ inputs }),
      );
      return outcomesFromBatch(kind, ids, answer.errors ?? []);
    } catch (error) {
      if (isSdkError(error) && error.code === 400 && inputs.length > 1)
        return bisect(connection, kind, inputs);
      return outcomesFromFailure(kind, ids, error, crmTimeoutMs(deps, connection));
    }
  }

  /**
   * HubSpot refuses a whole batch (400 VALIDATION_ERROR) for one bad input
   * and does not always say which: the halves are sent apart, recursively,
   * until every 400 is pinned on a single record, so the good records of the
   * batch are delivered. k bad records in n cost about 2k·log2(n) calls (each
   * through the rate limit), a whole batch of bad ones 2n − 1.
   */
  async function bisect(connection: CrmConnection, kind: ObjectKind, inputs: BatchInput[]) {
    const middle = Math.ceil(inputs.length / 2);
    const left = await update(connection, kind, inputs.slice(0, middle));
    const refused = left.find((outcome) => outcome.status === "unauthorized");
    // the token was refused meanwhile: no point in sending the other half
    const right = refused
      ? inputs.slice(middle).map(() => refused)
      : await update(connection, kind, inputs.slice(middle));
    return [...left, ...right];
  }

  return {
    crm: "hubspot",
    batchSize: BATCH_LIMIT,
    async push(connection, targets: PushTarget[]) {
      if (targets.length > BATCH_LIMIT) throw new RangeError(`at most ${BATCH_LIMIT} customers per push`);
      const parts = targets.map((): PushOutcome[] => []);
      const contacts: { index: number; input: BatchInput }[] = [];
      const companies: { index: number; input: BatchInput }[] = [];
      for (const [index, { customer }] of targets.entries()) {
        if (customer.hubSpotId !== null)
          contacts.push({
            index,
            input: { id: String(customer.hubSpotId), properties: toHubSpotContactProperties(customer) },
          });
        if (customer.hubSpotCompanyId !== null)
          companies.push({
            index,
            input: {
              id: String(customer.hubSpotCompanyId),
              properties: toHubSpotCompanyProperties(customer),
            },
          });
      }
      for (const [kind, group] of [
        ["contact", contacts],
        ["company", companies],
      ] as const) {
        if (group.length === 0) continue;
        const refused = parts.flat().find((outcome) => outcome.status === "unauthorized");
        // the contacts' call found the token refused: the companies' would be too
        const outcomes = refused
          ? group.map(() => refused)
          : await update(
              connection,
              kind,
              group.map((entry) => entry.input),
            );
        for (const [position, entry] of group.entries())
          parts[entry.index]?.push(outcomes[position] as PushOutcome);
      }
      // a customer unlatched since its change was recorded has nothing left to push
      return parts.map((outcomes) => combineOutcomes(outcomes));
    },
  };
}
