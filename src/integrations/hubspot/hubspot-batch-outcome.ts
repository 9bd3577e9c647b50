import { messages } from "../../errors/messages.ts";
import { CrmUnreachable } from "../crm-http.ts";
import type { PushOutcome } from "../crm-pusher.ts";
import { CallTimeout, isSdkError } from "./hubspot-sdk-call.ts";

/**
 * Reads what one HubSpot batch update did to each input:
 * - 200, or 207 multi-status: inputs named by an OBJECT_NOT_FOUND error are
 *   gone ("broken"), inputs named by another error are retried, all others
 *   were written (a merged record answers with its new id, so results are not
 *   matched by id);
 * - a 401 refuses the private-app token, which has nothing to refresh: every
 *   input is "unauthorized" (the worker marks the connection failing);
 * - a 400 for a single input refuses that record's data: "rejected" (the pusher
 *   bisects a larger batch until the 400s are pinned on single records);
 * - any other failed call (429, 5xx, timeout, network) leaves every input to
 *   retry, honouring Retry-After on 429.
 */
export type ObjectKind = "contact" | "company";

interface StandardErrorLike {
  category?: string;
  message?: string;
  id?: string;
  context?: Record<string, string[] | undefined>;
}

const LABEL = "HubSpot";

function idsOf(error: StandardErrorLike): string[] {
  return error.context?.ids ?? error.context?.id ?? (error.id ? [error.id] : []);
}

/** Outcomes for `ids` (the inputs' ids, in order) after HubSpot answered 200 or 207 with `errors`. */
export function outcomesFromBatch(kind: ObjectKind, ids: string[], errors: StandardErrorLike[] = []) {
  const byId = new Map<string, PushOutcome>();
  for (const error of errors) {
    for (const id of idsOf(error)) {
      byId.set(
        id,
        error.category === "OBJECT_NOT_FOUND"
          ? { status: "broken", error: messages.hubSpotRecordGone(kind, id) }
          : { status: "retry", error: messages.crmPushFailed(LABEL, `${error.category}: ${error.message}`) },
      );
    }
  }
  // an error that names no input cannot be pinned on one: the batch is tried again
  const unattributed = errors.find((error) => idsOf(error).length === 0);
  return ids.map(
    (id): PushOutcome =>
      byId.get(id) ??
      (unattributed
        ? { status: "retry", error: messages.crmPushFailed(LABEL, String(unattributed.message)) }
        : { status: "pushed" }),
  );
}

/** Outcomes for `ids` when the whole call failed. */
export function outcomesFromFailure(kind: ObjectKind, ids: string[], error: unknown, timeoutMs: number) {
  if (isSdkError(error)) {
    const body = (error.body ?? {}) as StandardErrorLike;
    // a 404 for the call names the missing records when HubSpot can; they are gone, the rest may be retried
    if (error.code === 404 && (idsOf(body).length > 0 || ids.length === 1)) {
      const gone = new Set(idsOf(body).length > 0 ? idsOf(body) : ids);
      return ids.map(
        (id): PushOutcome =>
          gone.has(id)
            ? { status: "broken", error: messages.hubSpotRecordGone(kind, id) }
            : {
                status: "retry",
                error: messages.crmPushFailed(LABEL, "another record of the batch was missing"),
              },
      );
    }
    if (error.code === 401) {
      const outcome: PushOutcome = {
        status: "unauthorized",
        error: messages.crmCredentialsRefused(LABEL, `HTTP 401${body.category ? ` ${body.category}` : ""}`),
      };
      return ids.map(() => outcome);
    }
    if (error.code === 400 && ids.length === 1) {
      return ids.map(
        (id): PushOutcome => ({
          status: "rejected",
          error: messages.hubSpotRecordRejected(
            kind,
            id,
            String(body.message ?? body.category ?? "HTTP 400"),
          ),
        }),
      );
    }
    const retryAfter = Number(error.headers?.["retry-after"]);
    const outcome: PushOutcome = {
      status: "retry",
      error: messages.crmPushFailed(
        LABEL,
        `answered ${error.code}${body.message ? ` (${body.message})` : ""}`,
      ),
      ...(error.code === 429 && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
    return ids.map(() => outcome);
  }
  // an answer that is not HubSpot's (CrmAnswerUnexpected) says so itself
  const reason =
    error instanceof CallTimeout
      ? `no answer within ${timeoutMs} ms`
      : error instanceof CrmUnreachable
        ? error.message
        : `connection failed (${(error as { cause?: { code?: string } })?.cause?.code ?? String(error)})`;
  const outcome: PushOutcome = { status: "retry", error: messages.crmPushFailed(LABEL, reason) };
  return ids.map(() => outcome);
}

/**
 * One customer's outcome from its contact's and its company's: it is pushed
 * when both are; refused credentials win (the connection is unusable), then a
 * transient failure wins over a broken link or a rejected record, because the
 * retry will meet those again anyway and must not lose the other write.
 */
export function combineOutcomes(parts: PushOutcome[]): PushOutcome {
  const refused = parts.find((part) => part.status === "unauthorized");
  if (refused) return refused;
  const retries = parts.filter((part) => part.status === "retry");
  if (retries.length > 0) {
    const waits = retries.map((part) => (part.status === "retry" ? (part.retryAfterMs ?? 0) : 0));
    const retryAfterMs = Math.max(...waits);
    return {
      status: "retry",
      error: retries.map((part) => (part.status === "retry" ? part.error : "")).join(" "),
      ...(retryAfterMs > 0 ? { retryAfterMs } : {}),
    };
  }
  const failed = parts.filter((part) => part.status === "broken" || part.status === "rejected");
  if (failed.length > 0)
    return {
      // a gone record is the graver news: the link itself needs a person
      status: failed.some((part) => part.status === "broken") ? "broken" : "rejected",
      error: failed.map((part) => ("error" in part ? part.error : "")).join(" "),
    };
  return { status: "pushed" };
}
