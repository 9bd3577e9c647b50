import type { App, AppDeps } from "../../../http/app-deps.ts";
import { registerNetsuiteDisableSynch } from "./disable-synch.ts";
import { registerNetsuiteEnableSynch } from "./enable-synch.ts";
import { registerNetsuiteLatchCustomer } from "./latch-customer.ts";
import { registerNetsuiteUnLatchCustomer } from "./unlatch-customer.ts";

export function registerNetsuiteRoutes(app: App, deps: AppDeps): void {
  registerNetsuiteLatchCustomer(app, deps);
  registerNetsuiteUnLatchCustomer(app, deps);
  registerNetsuiteEnableSynch(app, deps);
  registerNetsuiteDisableSynch(app, deps);
}
