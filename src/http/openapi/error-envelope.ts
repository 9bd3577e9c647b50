import { Type } from "typebox";

/**
 * The Fusebill error envelope (src/errors/api-error.ts `envelope`), as every
 * error response carries it. Documentation only: the error handler renders it
 * and no route serialises errors through this schema.
 */
export const ErrorEnvelope = Type.Object(
  {
    ErrorId: Type.Integer({ description: "Always 0." }),
    HttpStatusCode: Type.Integer({ description: "The response's HTTP status, repeated." }),
    Errors: Type.Array(
      Type.Object({
        Key: Type.String({ description: 'Always "Api Error".' }),
        Value: Type.String({
          description: "What went wrong, in Fusebill's words where the spec gives them.",
        }),
      }),
      { minItems: 1 },
    ),
  },
  { title: "ErrorEnvelope", description: "Fusebill's error envelope: every error has this shape." },
);

/** What each documented error status means across the API. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it.",
  401: "No API key, or an unknown one.",
  404: "The customer (or route) does not exist in this account.",
  409: "The customer's status does not allow the change.",
  413: "The body is larger than the limit.",
  415: "The body's media type is not supported.",
  503: "Not ready: the database does not answer, or its schema is not migrated to this version.",
  502: "The CRM could not be reached or did not answer usably; nothing was changed.",
};
