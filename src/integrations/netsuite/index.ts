import type { App, AppDeps } from "../../http/app-deps.ts";
import { registerNetsuiteRoutes } from "./routes/index.ts";
import { NETSUITE_SANDBOX_PREFIX, netsuiteSandbox } from "./sandbox/netsuite-sandbox.ts";

/** The NetSuite endpoints and, unless the sandboxes are off, the NetSuite sandbox. */
export function registerNetsuite(app: App, deps: AppDeps): void {
  registerNetsuiteRoutes(app, deps);
  if (deps.sandbox !== false) app.register(netsuiteSandbox, { prefix: NETSUITE_SANDBOX_PREFIX });
}
