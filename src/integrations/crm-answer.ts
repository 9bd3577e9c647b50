import type { Static, TSchema } from "typebox";
import { Value } from "typebox/value";
import { messages } from "../errors/messages.ts";
import { CrmAnswerUnexpected } from "./crm-http.ts";

/**
 * The shapes of CRM answers we rely on, checked before anything is read from
 * them: a base URL that points at something else (a proxy, a login page, a
 * mock answering `{}`) must give "unexpected answer", never a record with an
 * undefined id, a crash or a push counted as done.
 */

/** `value` typed as `schema` when it has that shape; otherwise CrmAnswerUnexpected saying what was expected. */
export function expectShape<T extends TSchema>(
  schema: T,
  value: unknown,
  status: number,
  what: string,
): Static<T> {
  if (Value.Check(schema, value)) return value;
  const issue = Value.Errors(schema, value)[0];
  const where = issue?.instancePath ? `${issue.instancePath} ` : "";
  const detail = issue ? `: ${where}${issue.message}` : "";
  throw new CrmAnswerUnexpected(
    messages.crmAnswerUnexpected(status, `with a body that is not ${what}${detail}`),
  );
}

/** The JSON body of a success answer, checked against `schema` (see expectShape). */
export async function readAnswer<T extends TSchema>(
  response: Response,
  schema: T,
  what: string,
): Promise<Static<T>> {
  const text = await response.text();
  if (text.trim() === "") {
    throw new CrmAnswerUnexpected(messages.crmAnswerUnexpected(response.status, "with an empty body"));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const type = response.headers.get("content-type")?.split(";")[0]?.trim();
    throw new CrmAnswerUnexpected(
      messages.crmAnswerUnexpected(
        response.status,
        `with a body that is not JSON${type ? `, content type ${type}` : ""}`,
      ),
    );
  }
  return expectShape(schema, value, response.status, what);
}

/** An error answer's body when it is JSON (read only for hints such as an error code), else undefined. */
export async function readErrorBody(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
}

/** `value` when it has `schema`'s shape, else undefined: for the optional hints of error bodies. */
export function shapeOrUndefined<T extends TSchema>(schema: T, value: unknown): Static<T> | undefined {
  return Value.Check(schema, value) ? value : undefined;
}
