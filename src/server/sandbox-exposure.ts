import { isIP } from "node:net";
import type { AccountMode } from "../db/schema.ts";

/** Whether HOST keeps the server to this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1" || bare === "0:0:0:0:0:0:0:1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

/**
 * The warning a start owes its operator when test accounts' sandbox CRMs can
 * be reached from other machines: the sandboxes are served under /sandbox/* by
 * the API process itself, so listening beyond loopback exposes them.
 * Undefined when there is nothing to warn about.
 */
export function sandboxExposureWarning(
  host: string,
  sandbox: boolean,
  accounts: Record<AccountMode, number>,
): string | undefined {
  if (!sandbox || accounts.test === 0 || isLoopbackHost(host)) return undefined;
  return `HOST=${host} listens beyond loopback while ${accounts.test} test account(s) exist and the sandboxes are on: test accounts' sandbox CRMs (/sandbox/*) are reachable from the network. Set SANDBOX=off, or HOST=127.0.0.1, unless that is intended.`;
}
