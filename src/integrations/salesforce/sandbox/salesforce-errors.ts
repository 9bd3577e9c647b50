/** Salesforce's error bodies are always an array of `{message, errorCode, fields?}`. */
export const sfError = (errorCode: string, message: string, fields?: string[]) => [
  { message, errorCode, ...(fields ? { fields } : {}) },
];

export const NOT_FOUND = sfError("NOT_FOUND", "The requested resource does not exist");
export const INVALID_SESSION = sfError("INVALID_SESSION_ID", "Session expired or invalid");
export const LIMIT_EXCEEDED = sfError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");

/** API versions as Salesforce spells them in paths: `v60.0`. */
export const VERSION = /^v\d+\.\d$/;
