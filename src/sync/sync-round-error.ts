/** A round that failed while pushing to `crm`, with `claimed` pushes in hand; `cause` says why. */
export class SyncRoundError extends Error {
  constructor(
    readonly crm: string,
    readonly claimed: number,
    cause: unknown,
  ) {
    super(`${crm}, ${claimed} claimed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
