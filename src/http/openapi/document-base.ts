import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";

export const TAGS = [
  { name: "Customers", description: "Create, read, list and replace customers (Fusebill v1)." },
  { name: "Customer status", description: "Activate, hold, un-hold, cancel and un-cancel customers." },
  {
    name: "Salesforce",
    description: "Latch a customer to a Salesforce Account and switch its sync on or off.",
  },
  {
    name: "NetSuite",
    description: "Latch a customer to a NetSuite customer record and switch its sync on or off.",
  },
  { name: "HubSpot", description: "Latch a customer to a HubSpot contact and company." },
  { name: "Integrations", description: "Our API (not Fusebill's): an account's CRM connections." },
  {
    name: "Sync",
    description: "Our API (not Fusebill's): what waits to be pushed to the CRMs, and dead letters.",
  },
  { name: "Operations", description: "Health and metrics, without an API key." },
] as const;

export type TagName = (typeof TAGS)[number]["name"];

export const SECURITY_SCHEME = "apiKey";

/** The document's fixed part: everything but the paths, which come from the routes. */
export function documentBase(): NonNullable<FastifyDynamicSwaggerOptions["openapi"]> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Latchwork: Fusebill v1 Customer API",
      version: "1",
      description: [
        "A self-hostable implementation of the Fusebill v1 Customer API, with Salesforce, NetSuite and HubSpot sync.",
        "",
        "Request bodies may be relaxed JSON (unquoted keys, single quotes, trailing commas), with property names and",
        "enum values in any case, as the Fusebill pages' own examples send them; the schemas here show the canonical form.",
        "Paths are case-insensitive and may end in `/`. Every error has Fusebill's envelope (`ErrorEnvelope`).",
      ].join("\n"),
    },
    tags: TAGS.map((tag) => ({ ...tag })),
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: "http",
          scheme: "basic",
          description:
            "`Authorization: Basic {APIKey}`: the API key exactly as issued. Keys are base64 of `0:{secret}`, so HTTP Basic with user `0` and the secret as password sends the same header.",
        },
      },
    },
    security: [{ [SECURITY_SCHEME]: [] }],
  };
}
