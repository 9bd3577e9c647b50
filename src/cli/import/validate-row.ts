import { Ajv } from "ajv";
import { type CustomerInput, toCustomerInput } from "../../customers/customer-input.ts";
import { CreateCustomerBody } from "../../customers/customer-schema.ts";
import { messages } from "../../errors/messages.ts";
import { describeValidationIssue } from "../../http/error-handler.ts";
import { normalizeToSchema } from "../../http/normalize-body.ts";
import { VALIDATOR_OPTIONS } from "../../http/validator-options.ts";

/*
 * A row is checked exactly as a POST /v1/customers body: the boundary
 * normaliser (key and enum case), then the create schema with the validator
 * options buildApp gives Fastify (coercion of strings to numbers, unknown
 * properties dropped), with the API's messages. The service's own rules
 * (parent, currency) run at insert time, in createCustomerIn.
 */
const ajv = new Ajv({ ...VALIDATOR_OPTIONS });
const validateBody = ajv.compile(CreateCustomerBody);

export type RowCheck = { input: CustomerInput } | { reason: string };

export function checkCustomerRow(record: Record<string, unknown>): RowCheck {
  const body = normalizeToSchema(CreateCustomerBody as Parameters<typeof normalizeToSchema>[0], record);
  if (!validateBody(body)) {
    const issue = validateBody.errors?.[0];
    return { reason: issue ? describeValidationIssue(issue, "body") : "the row is invalid." };
  }
  // PostgreSQL's text cannot hold U+0000; the API refuses such bodies too
  const nul = Object.entries(flatten(body)).find(([, value]) => value.includes("\u0000"));
  if (nul) return { reason: messages.nulCharacter(nul[0]) };
  return { input: toCustomerInput(body as CreateCustomerBody) };
}

function flatten(value: unknown, path = "", out: Record<string, string> = {}): Record<string, string> {
  if (typeof value === "string") out[path] = value;
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, out);
    }
  }
  return out;
}
