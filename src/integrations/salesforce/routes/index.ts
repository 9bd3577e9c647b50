import type { App, AppDeps } from "../../../http/app-deps.ts";
import { registerSalesforceDisableSynch } from "./disable-synch.ts";
import { registerSalesforceEnableSynch } from "./enable-synch.ts";
import { registerSalesforceLatch } from "./latch.ts";

export function registerSalesforceRoutes(app: App, deps: AppDeps): void {
  registerSalesforceLatch(app, deps);
  registerSalesforceEnableSynch(app, deps);
  registerSalesforceDisableSynch(app, deps);
}
