import type { App, AppDeps } from "../../http/app-deps.ts";
import { registerActivateCustomer } from "./activate-customer.ts";
import { registerCancelCustomer } from "./cancel-customer.ts";
import { registerHoldCustomer } from "./hold-customer.ts";
import { registerUncancelCustomer } from "./uncancel-customer.ts";
import { registerUnholdCustomer } from "./unhold-customer.ts";

/** The customer status endpoints (notes §1.5). */
export function registerCustomerStatusRoutes(app: App, deps: AppDeps): void {
  registerActivateCustomer(app, deps);
  registerHoldCustomer(app, deps);
  registerUnholdCustomer(app, deps);
  registerCancelCustomer(app, deps);
  registerUncancelCustomer(app, deps);
}
