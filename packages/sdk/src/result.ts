/**
 * What every SDK method resolves to: `{ data }` on success, `{ error }` (the
 * Fusebill envelope) otherwise, and the raw `Response` in both cases for its
 * headers. HTTP failures never throw; only a request that got no answer at all
 * (after the retries) or was aborted rejects.
 */

/** The Fusebill error envelope, as the server sends it for every error. */
export interface FusebillError {
  ErrorId: number;
  HttpStatusCode: number;
  Errors: { Key: string; Value: string }[];
}

export type ApiResult<T> =
  | { data: T; error?: undefined; response: Response }
  | { data?: undefined; error: FusebillError; response: Response };

export function isFusebillError(value: unknown): value is FusebillError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<FusebillError>;
  return (
    typeof candidate.HttpStatusCode === "number" &&
    Array.isArray(candidate.Errors) &&
    candidate.Errors.every((entry) => typeof entry?.Key === "string" && typeof entry?.Value === "string")
  );
}

/**
 * An error body that is not the envelope (a proxy's HTML page, an empty 502)
 * still reaches the caller in the envelope's shape, with the body as its text,
 * so that callers handle one shape.
 */
export function toFusebillError(body: unknown, response: Response): FusebillError {
  if (isFusebillError(body)) return body;
  const text =
    typeof body === "string" && body.trim() !== ""
      ? body.trim().slice(0, 500)
      : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return { ErrorId: 0, HttpStatusCode: response.status, Errors: [{ Key: "Api Error", Value: text }] };
}

/** The first error text of an envelope, e.g. for a log line or an exception message. */
export function errorMessage(error: FusebillError): string {
  return error.Errors.map((entry) => entry.Value).join("; ") || `HTTP ${error.HttpStatusCode}`;
}

/** openapi-fetch's answer → ours: the error body becomes the envelope. */
export function toResult<T>(answer: { data?: unknown; error?: unknown; response: Response }): ApiResult<T> {
  if (answer.response.ok) return { data: answer.data as T, response: answer.response };
  return { error: toFusebillError(answer.error, answer.response), response: answer.response };
}

/** Thrown by the helpers that cannot return a result (`customers.iterate`): carries the envelope. */
export class LatchworkApiError extends Error {
  readonly status: number;
  constructor(readonly error: FusebillError) {
    super(errorMessage(error));
    this.name = "LatchworkApiError";
    this.status = error.HttpStatusCode;
  }
}
