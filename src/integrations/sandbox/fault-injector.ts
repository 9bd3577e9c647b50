/**
 * Faults a sandbox CRM injects into its vendor paths, for tests and demos
 * (`POST /sandbox/{crm}/_faults`): the next `count` requests, or every request
 * for `durationMs`, answer with the fault instead of the record. A fault may be
 * limited to one bearer token so that tests sharing a sandbox do not collide.
 */
export type FaultKind = "429" | "500" | "timeout" | "revoked" | "latency";

export const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "timeout", "revoked", "latency"];

export interface FaultSpec {
  kind: FaultKind;
  /** How many requests it applies to; 1 when neither count nor durationMs is given. */
  count?: number | undefined;
  /** For how long (ms from now) it applies to every request. */
  durationMs?: number | undefined;
  /** `latency`: the added delay; `timeout`: how long the sandbox holds a request before dropping it. */
  delayMs?: number | undefined;
  /** Only requests carrying this bearer token. */
  token?: string | undefined;
}

export interface ActiveFault {
  id: number;
  kind: FaultKind;
  remaining: number | null;
  until: number | null;
  delayMs: number | null;
  token: string | null;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec, now = Date.now()): ActiveFault {
    const until = spec.durationMs !== undefined ? now + spec.durationMs : null;
    const remaining = spec.count ?? (until === null ? 1 : null);
    const fault: ActiveFault = {
      id: this.nextId++,
      kind: spec.kind,
      remaining,
      until,
      delayMs: spec.delayMs ?? null,
      token: spec.token ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault that applies to a request with `token`, used up by one. */
  take(token: string | undefined, now = Date.now()): ActiveFault | undefined {
    this.faults = this.faults.filter(
      (fault) =>
        (fault.remaining === null || fault.remaining > 0) && (fault.until === null || fault.until > now),
    );
    const fault = this.faults.find((candidate) => candidate.token === null || candidate.token === token);
    if (fault && fault.remaining !== null) fault.remaining -= 1;
    return fault;
  }

  list(now = Date.now()): ActiveFault[] {
    return this.faults.filter(
      (fault) =>
        (fault.remaining === null || fault.remaining > 0) && (fault.until === null || fault.until > now),
    );
  }

  clear(): void {
    this.faults = [];
  }
}
