/**
 * The one definition of "the database is unavailable": the error says the
 * connection to PostgreSQL could not be made, was lost, or was refused for
 * now — not that a statement was wrong. The API answers these with 503 and
 * `Retry-After` (http/error-handler.ts); the pool retries them when they
 * happen at checkout (db/resilient-pool.ts).
 */

/** What `Retry-After` tells a client after the pool's own retries (RETRY_WINDOW_MS) could not bridge an outage. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean the server is going, gone or full, whatever the statement:
 * admin_shutdown (57P01, `pg_ctl restart -m fast` sends it to every backend),
 * crash_shutdown (57P02), cannot_connect_now (57P03: "the database system is
 * starting up", "… is shutting down", "… is in recovery mode"),
 * idle_session_timeout (57P05), too_many_connections (53300). Class 08 is
 * connection_exception as a whole.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57P05", "53300"]);

/** Socket errors of a connection to the database (only counted when pg reported them: see `markDatabaseError`). */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Errors pg makes itself when a connection dies or was dead already (pg 8.23:
 * lib/client.js, pg-pool/index.js): "Connection terminated unexpectedly",
 * "… due to connection timeout". "not queryable" is also what a Kysely
 * transaction rethrows when its ROLLBACK after a lost connection fails.
 */
const PG_CONNECTION_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "timeout exceeded when trying to connect",
];

/**
 * Socket errors that came out of a pg client or pool (marked by
 * resilient-pool.ts: a client's 'error' event, a failed checkout). A socket
 * code alone does not say which socket: a CRM call that cannot connect fails
 * with ECONNREFUSED too, and must not be called a database outage.
 */
const fromDatabase = new WeakSet<object>();

export function markDatabaseError<E>(error: E): E {
  if (typeof error === "object" && error !== null) fromDatabase.add(error);
  return error;
}

/**
 * Statements known not to have committed although they reached the server
 * (`markCutOffBeforeCommand`): database.ts may send them again.
 */
const notCommitted = new WeakSet<object>();

/**
 * Told that `error` ended a statement sent with the extended protocol (Parse,
 * Bind, Execute, Sync) before the server sent its CommandComplete. For a
 * data statement outside a transaction block PostgreSQL sends CommandComplete
 * at Execute and commits only at the Sync after it (postgres.c:
 * exec_execute_message, then finish_xact_command for 'S'). A 57P01 FATAL
 * (`pg_ctl restart -m fast`, pg_terminate_backend: die() raised at a
 * CHECK_FOR_INTERRUPTS) is queued behind any output already buffered, so one
 * that arrives with no CommandComplete before it ended the statement before
 * its commit, and the exiting backend aborted it. Other ways to lose the
 * connection (the socket just ending, a crash) say nothing of the sort.
 */
export function markCutOffBeforeCommand(error: unknown): void {
  if (typeof error === "object" && error !== null && isServerError(error)) {
    if ((error as { code: string }).code === "57P01") notCommitted.add(error);
  }
}

/** The statement that failed with `error` certainly did not commit (see `markCutOffBeforeCommand`). */
export function certainlyNotCommitted(error: unknown): boolean {
  return typeof error === "object" && error !== null && notCommitted.has(error);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    // a SQLSTATE names itself: five characters sent by the server in an ErrorResponse
    if (isServerError(error) && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08"))) return true;
    if (NETWORK_CODES.has(code) && fromDatabase.has(error)) return true;
  }
  return typeof message === "string" && PG_CONNECTION_MESSAGES.some((text) => message.startsWith(text));
}

/** pg-protocol's DatabaseError: an ErrorResponse from the server carries a severity and a 5-character code. */
function isServerError(error: object): boolean {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof severity === "string" && typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}
