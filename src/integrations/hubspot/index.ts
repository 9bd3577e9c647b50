import type { App, AppDeps } from "../../http/app-deps.ts";
import { registerHubSpotRoutes } from "./routes/index.ts";
import { registerHubSpotSandbox } from "./sandbox/hubspot-sandbox.ts";

/** The HubSpot endpoints and, unless the sandboxes are off, the HubSpot sandbox. */
export function registerHubSpot(app: App, deps: AppDeps): void {
  registerHubSpotRoutes(app, deps);
  if (deps.sandbox !== false) registerHubSpotSandbox(app);
}
