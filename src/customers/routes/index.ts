import type { App, AppDeps } from "../../http/app-deps.ts";
import { registerListCustomers } from "../list/list-customers.ts";
import { registerCustomerStatusRoutes } from "../status/index.ts";
import { registerCreateCustomer } from "./create-customer.ts";
import { registerGetCustomer } from "./get-customer.ts";
import { registerReplaceCustomer } from "./replace-customer.ts";

export function registerCustomerRoutes(app: App, deps: AppDeps): void {
  registerCreateCustomer(app, deps);
  registerGetCustomer(app, deps);
  registerListCustomers(app, deps);
  registerReplaceCustomer(app, deps);
  registerCustomerStatusRoutes(app, deps);
}
