import { messages } from "./messages.ts";

/** A failure with an HTTP status and a message for the Fusebill error envelope. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string) {
    super(400, message);
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message: string = messages.unauthorized) {
    super(401, message);
  }
}

export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(404, message);
  }
}

export class CustomerNotFoundError extends NotFoundError {
  constructor(id: number | string) {
    super(messages.customerNotFound(id));
  }
}

/** The request is well formed but the customer's state does not allow it (Fusebill uses 409). */
export class ConflictError extends ApiError {
  constructor(message: string) {
    super(409, message);
  }
}

/** The Fusebill error envelope, as every error response carries it. */
export interface ErrorEnvelope {
  ErrorId: number;
  HttpStatusCode: number;
  Errors: { Key: string; Value: string }[];
}

export function envelope(statusCode: number, message: string): ErrorEnvelope {
  return { ErrorId: 0, HttpStatusCode: statusCode, Errors: [{ Key: "Api Error", Value: message }] };
}

/** A CRM did not answer usably (timeout, 5xx, 429, revoked credentials): nothing was changed. */
export class CrmUnavailableError extends ApiError {
  constructor(message: string) {
    super(502, message);
  }
}
