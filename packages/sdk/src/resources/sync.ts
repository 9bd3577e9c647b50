import type { RawClient } from "../client.ts";
import { type ApiResult, toResult } from "../result.ts";
import type { AccountSync, CallOptions, Crm, CustomerSync, SyncReplay } from "../types.ts";
import { callInit } from "./call-init.ts";

/** What waits to be pushed to the CRMs (our API, not Fusebill's): `latchwork.sync`. */
export class Sync {
  constructor(private readonly raw: RawClient) {}

  /**
   * `GET /v1/sync`: the account's pending pushes and dead letters, per CRM.
   *
   * @example
   * ```ts
   * const { data } = await latchwork.sync.status();
   * ```
   */
  async status(options?: CallOptions): Promise<ApiResult<AccountSync>> {
    return toResult(await this.raw.GET("/v1/sync", { ...callInit(options) }));
  }

  /**
   * `GET /v1/customers/{id}/sync`: one customer's sync state with each CRM.
   *
   * @example
   * ```ts
   * const { data } = await latchwork.sync.customer(12345);
   * ```
   */
  async customer(id: number, options?: CallOptions): Promise<ApiResult<CustomerSync>> {
    return toResult(
      await this.raw.GET("/v1/customers/{id}/sync", { params: { path: { id } }, ...callInit(options) }),
    );
  }

  /**
   * `POST /v1/sync/replay`: queues the account's dead letters again, for one CRM or all.
   *
   * @example
   * ```ts
   * await latchwork.sync.replay("salesforce");
   * ```
   */
  async replay(crm?: Crm, options?: CallOptions): Promise<ApiResult<SyncReplay>> {
    return toResult(
      await this.raw.POST("/v1/sync/replay", { ...(crm ? { body: { crm } } : {}), ...callInit(options) }),
    );
  }
}
