import type { App, AppDeps } from "../../http/app-deps.ts";
import { registerSalesforceRoutes } from "./routes/index.ts";
import { SALESFORCE_SANDBOX_PREFIX, salesforceSandbox } from "./sandbox/salesforce-sandbox.ts";

/** The Salesforce endpoints and, unless the sandboxes are off, the Salesforce sandbox. */
export function registerSalesforce(app: App, deps: AppDeps): void {
  registerSalesforceRoutes(app, deps);
  if (deps.sandbox !== false) app.register(salesforceSandbox, { prefix: SALESFORCE_SANDBOX_PREFIX });
}
