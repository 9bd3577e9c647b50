import type { App, AppDeps } from "../http/app.ts";
import { registerHubSpotRoutes } from "./hubspot/routes/index.ts";
import { registerHubSpotSandbox } from "./hubspot/sandbox/hubspot-sandbox.ts";
import { registerConnectionRoutes } from "./routes/connection-routes.ts";

/** Our CRM management API, the HubSpot endpoints and (unless switched off) the HubSpot sandbox. */
export function registerIntegrations(app: App, deps: AppDeps): void {
  registerConnectionRoutes(app, deps);
  registerHubSpotRoutes(app, deps);
  if (deps.sandbox !== false) registerHubSpotSandbox(app);
}
