import type { RawClient } from "../client.ts";
import { type ApiResult, toResult } from "../result.ts";
import type { CallOptions, Customer, NetSuiteEnableSynch, NetSuiteLatch } from "../types.ts";
import { callInit } from "./call-init.ts";

/** Fusebill's NetSuite endpoints: `latchwork.netsuite`. */
export class NetSuite {
  constructor(private readonly raw: RawClient) {}

  /**
   * `POST /v1/NetSuite/LatchCustomer`: links a customer to a NetSuite customer record that
   * NetSuite confirms (an internal id, or `eid:{externalId}`).
   *
   * @example
   * ```ts
   * const { data } = await latchwork.netsuite.latchCustomer({ fusebillId: 12345, netsuiteId: "1744203" });
   * ```
   */
  async latchCustomer(body: NetSuiteLatch, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(await this.raw.POST("/v1/NetSuite/LatchCustomer", { body, ...callInit(options) }));
  }

  /**
   * `POST /v1/NetSuite/UnLatchCustomer/{id}`: removes the link and its synch status.
   *
   * @example
   * ```ts
   * await latchwork.netsuite.unlatchCustomer(12345);
   * ```
   */
  async unlatchCustomer(customerId: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/NetSuite/UnLatchCustomer/{customerId}", {
        params: { path: { customerId } },
        ...callInit(options),
      }),
    );
  }

  /**
   * `POST /v1/Netsuite/EnableSynch/{id}`: `netsuiteSynchStatus` becomes `Enabled`. With
   * `{ netsuiteId }` the customer is latched to that record first.
   *
   * @example
   * ```ts
   * await latchwork.netsuite.enableSynch(12345);
   * await latchwork.netsuite.enableSynch(12346, { netsuiteId: "1744203" }); // latch, then enable
   * ```
   */
  async enableSynch(
    customerId: number,
    body?: NetSuiteEnableSynch,
    options?: CallOptions,
  ): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/Netsuite/EnableSynch/{customerId}", {
        params: { path: { customerId } },
        ...(body === undefined ? {} : { body }),
        ...callInit(options),
      }),
    );
  }

  /**
   * `POST /v1/Netsuite/DisableSynch/{id}`: `netsuiteSynchStatus` becomes `Disabled`.
   *
   * @example
   * ```ts
   * await latchwork.netsuite.disableSynch(12345);
   * ```
   */
  async disableSynch(customerId: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/Netsuite/DisableSynch/{customerId}", {
        params: { path: { customerId } },
        ...callInit(options),
      }),
    );
  }
}
