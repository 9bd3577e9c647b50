import { randomUUID } from "node:crypto";

/** HubSpot's error body: `{"status":"error","message",…,"correlationId","category"}`. */
export interface HubSpotErrorBody {
  status: "error";
  message: string;
  correlationId: string;
  category?: string;
  errorType?: string;
  policyName?: string;
  groupName?: string;
  context?: Record<string, string[]>;
}

export function hubSpotError(
  category: string,
  message: string,
  extra: Partial<HubSpotErrorBody> = {},
): HubSpotErrorBody {
  return { status: "error", message, correlationId: randomUUID(), category, ...extra };
}

export const notFound = () => hubSpotError("OBJECT_NOT_FOUND", "resource not found");

export const invalidAuthentication = () =>
  hubSpotError(
    "INVALID_AUTHENTICATION",
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
  );

export const revokedAuthentication = () =>
  hubSpotError("INVALID_AUTHENTICATION", "The access token used to make this call has been revoked.");

/** The 429 body HubSpot sends for the ten-secondly limit (hubspot-api-python #117); it has no category. */
export function rateLimited(): HubSpotErrorBody {
  const { category: _category, ...body } = hubSpotError(
    "",
    "You have reached your ten_secondly_rolling limit.",
    {
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      groupName: "publicapi:sandbox",
    },
  );
  return body;
}

export const internalError = () => hubSpotError("INTERNAL_ERROR", "internal error");

export const validationError = (message: string) => hubSpotError("VALIDATION_ERROR", message);

/**
 * HubSpot checks property values on write: a contact's `email` must be an
 * address ("" clears it). One invalid input refuses the whole batch with a 400
 * that names the value, not the input (community.hubspot.com threads on
 * "Property values were not valid" / INVALID_EMAIL).
 */
export function invalidPropertyValues(
  type: "contacts" | "companies",
  properties: Record<string, string | null>,
): ReturnType<typeof hubSpotError> | undefined {
  const email = properties.email;
  if (type !== "contacts" || !email || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return undefined;
  const detail = {
    isValid: false,
    message: `Email address ${email} is invalid`,
    error: "INVALID_EMAIL",
    name: "email",
  };
  return validationError(`Property values were not valid: ${JSON.stringify([detail])}`);
}
