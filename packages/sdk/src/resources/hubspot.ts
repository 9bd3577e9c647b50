import type { RawClient } from "../client.ts";
import { type ApiResult, toResult } from "../result.ts";
import type { CallOptions, Customer, HubSpotLatch } from "../types.ts";
import { callInit } from "./call-init.ts";

/** Fusebill's HubSpot endpoints: `latchwork.hubspot`. */
export class HubSpot {
  constructor(private readonly raw: RawClient) {}

  /**
   * `POST /v1/HubSpot/latchCustomer`: links a customer to a HubSpot contact and/or company,
   * each checked in HubSpot first. `null` removes a link; a key not sent leaves it. Synced
   * from then on.
   *
   * @example
   * ```ts
   * const { data, error } = await latchwork.hubspot.latchCustomer({
   *   fusebillId: 12345,
   *   hubSpotId: 101,
   *   hubSpotCompanyId: 202,
   * });
   * ```
   */
  async latchCustomer(body: HubSpotLatch, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(await this.raw.POST("/v1/HubSpot/latchCustomer", { body, ...callInit(options) }));
  }

  /**
   * `POST /v1/HubSpot/UnlatchCustomer/{id}`: removes both HubSpot links.
   *
   * @example
   * ```ts
   * await latchwork.hubspot.unlatchCustomer(12345);
   * ```
   */
  async unlatchCustomer(customerId: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/HubSpot/UnlatchCustomer/{customerId}", {
        params: { path: { customerId } },
        ...callInit(options),
      }),
    );
  }
}
