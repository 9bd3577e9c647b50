import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DatabaseError } from "pg";
import { isDatabaseUnavailable, markDatabaseError } from "./connection-errors.ts";

/** An ErrorResponse as pg-protocol parses it (a `DatabaseError` with the server's severity and SQLSTATE). */
function serverError(code: string, message: string, severity = "FATAL"): DatabaseError {
  const error = new DatabaseError(message, message.length, "error");
  error.code = code;
  error.severity = severity;
  return error;
}

function socketError(code: string, syscall = "connect"): NodeJS.ErrnoException {
  return Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, syscall, errno: -1 });
}

describe("what counts as the database being unavailable", () => {
  test("a server shutting down, starting up, crashed or full is unavailable", () => {
    for (const [code, text] of [
      ["57P01", "terminating connection due to administrator command"],
      ["57P02", "terminating connection because of crash of another server process"],
      ["57P03", "the database system is starting up"],
      ["57P03", "the database system is shutting down"],
      ["57P05", "terminating connection due to idle-session timeout"],
      ["53300", "sorry, too many clients already"],
      ["08006", "connection failure"],
      ["08P01", "invalid frontend message type 0"],
    ] as const) {
      assert.equal(isDatabaseUnavailable(serverError(code, text)), true, `${code} ${text}`);
    }
  });

  test("a statement the server refuses is not an outage", () => {
    for (const [code, text] of [
      ["23505", "duplicate key value violates unique constraint"],
      ["40001", "could not serialize access due to concurrent update"],
      ["42P01", 'relation "customers" does not exist'],
      ["3D000", 'database "latchwork" does not exist'],
      ["28P01", 'password authentication failed for user "latchwork"'],
      ["57014", "canceling statement due to statement timeout"],
    ] as const) {
      assert.equal(isDatabaseUnavailable(serverError(code, text, "ERROR")), false, `${code} ${text}`);
    }
  });

  test("a socket error counts only when pg reported it, not when a CRM call failed the same way", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]) {
      assert.equal(isDatabaseUnavailable(socketError(code)), false, `${code} from elsewhere`);
      assert.equal(isDatabaseUnavailable(markDatabaseError(socketError(code))), true, `${code} from pg`);
    }
    assert.equal(isDatabaseUnavailable(markDatabaseError(socketError("EACCES", "open"))), false);
    assert.equal(
      isDatabaseUnavailable(new TypeError("fetch failed", { cause: socketError("ECONNREFUSED") })),
      false,
    );
  });

  test("pg's own errors for a lost or dead connection are unavailable", () => {
    for (const text of [
      "Connection terminated unexpectedly",
      "Connection terminated",
      "Connection terminated due to connection timeout",
      "Client has encountered a connection error and is not queryable",
      "Client was closed and is not queryable",
      "timeout exceeded when trying to connect",
    ]) {
      assert.equal(isDatabaseUnavailable(new Error(text)), true, text);
    }
  });

  test("anything else is not: programming errors, non-errors, CRM errors", () => {
    for (const value of [
      new Error("boom"),
      new TypeError("Cannot read properties of undefined"),
      Object.assign(new Error("HubSpot answered 503"), { code: 503 }),
      "57P01",
      undefined,
      null,
      { code: "57P01" },
    ]) {
      assert.equal(isDatabaseUnavailable(value), false, String(value));
    }
  });
});
