import type { App, AppDeps } from "../../../http/app-deps.ts";
import { registerLatchCustomer } from "./latch-customer.ts";
import { registerUnlatchCustomer } from "./unlatch-customer.ts";

export function registerHubSpotRoutes(app: App, deps: AppDeps): void {
  registerLatchCustomer(app, deps);
  registerUnlatchCustomer(app, deps);
}
