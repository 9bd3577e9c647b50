import diagnosticsChannel from "node:diagnostics_channel";
import { Counter, type Registry } from "prom-client";
import type { CrmName } from "../integrations/crm-connection.ts";

/**
 * `latchwork_crm_requests_total{crm, status}`: every HTTP request this process
 * sends to a CRM, latches and sync pushes alike, by the CRM's answer (`429`,
 * `200`, …, or `error` when none came: timeout, refused connection).
 *
 * Counted from Node's diagnostics channels (`fetch` for Salesforce and
 * NetSuite, `node:http` for the HubSpot SDK) rather than inside the
 * connectors, so that no call path can be forgotten. A request is a CRM's
 * when it goes to a built-in sandbox (`/sandbox/{crm}/…`, except its `_faults`
 * and `_limits` controls) or to the vendor's domains; a connection whose
 * `baseUrl` is some other host (a proxy) is not counted.
 */
export function observeCrmCalls(registry: Registry): () => void {
  const requests = new Counter({
    name: "latchwork_crm_requests_total",
    help: "HTTP requests sent to each CRM by this process, by answer status (error: no answer).",
    labelNames: ["crm", "status"],
    registers: [registry],
  });
  const count = (url: URL | undefined, status: number | "error") => {
    const crm = url && crmOf(url);
    if (crm) requests.inc({ crm, status: String(status) });
  };
  const handlers: Record<string, (message: unknown) => void> = {
    "undici:request:headers": (message) => {
      const { request, response } = message as { request: UndiciRequest; response: { statusCode: number } };
      count(undiciUrl(request), response.statusCode);
    },
    "undici:request:error": (message) =>
      count(undiciUrl((message as { request: UndiciRequest }).request), "error"),
    "http.client.response.finish": (message) => {
      const { request, response } = message as { request: HttpRequest; response: { statusCode?: number } };
      count(httpUrl(request), response.statusCode ?? "error");
    },
    "http.client.request.error": (message) =>
      count(httpUrl((message as { request: HttpRequest }).request), "error"),
  };
  for (const [name, handler] of Object.entries(handlers)) diagnosticsChannel.subscribe(name, handler);
  return () => {
    for (const [name, handler] of Object.entries(handlers)) diagnosticsChannel.unsubscribe(name, handler);
  };
}

interface UndiciRequest {
  origin?: string | URL;
  path?: string;
}

interface HttpRequest {
  protocol?: string;
  host?: string;
  path?: string;
}

const SANDBOX_PATH = /^\/sandbox\/(hubspot|salesforce|netsuite)(?:\/(?!_)|$)/i;

/** Which CRM a request URL addresses, if any (see observeCrmCalls). */
export function crmOf(url: URL): CrmName | undefined {
  const sandbox = SANDBOX_PATH.exec(url.pathname);
  if (sandbox) return sandbox[1]?.toLowerCase() as CrmName;
  const host = url.hostname.toLowerCase();
  const within = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (within("hubapi.com") || within("hubspot.com")) return "hubspot";
  if (within("salesforce.com") || within("force.com")) return "salesforce";
  if (within("netsuite.com")) return "netsuite";
  return undefined;
}

function undiciUrl(request: UndiciRequest): URL | undefined {
  return parse(String(request.origin ?? ""), request.path ?? "/");
}

function httpUrl(request: HttpRequest): URL | undefined {
  return parse(`${request.protocol ?? "http:"}//${request.host ?? "localhost"}`, request.path ?? "/");
}

function parse(origin: string, path: string): URL | undefined {
  try {
    return new URL(path, origin);
  } catch {
    return undefined;
  }
}
