import type { RawClient } from "../client.ts";
import { type ApiResult, toResult } from "../result.ts";
import type { CallOptions, Customer, SalesforceLatch } from "../types.ts";
import { callInit } from "./call-init.ts";

/** Fusebill's Salesforce endpoints: `latchwork.salesforce`. */
export class Salesforce {
  constructor(private readonly raw: RawClient) {}

  /**
   * `POST /v1/Salesforce/Latch`: links a customer to a Salesforce Account that Salesforce
   * confirms (15- or 18-character id; the 18-character form is stored). A customer latched
   * elsewhere moves only with `forceLatch: true`. Salesforce not answering usably is a 502
   * and nothing is latched.
   *
   * @example
   * ```ts
   * const { data, error } = await latchwork.salesforce.latch({
   *   fusebillId: 12345,
   *   salesforceId: "0014100000JJ3wtAAD",
   * });
   * if (error) console.log(error.Errors[0]?.Value); // e.g. "Salesforce Account 001… does not exist."
   * ```
   */
  async latch(body: SalesforceLatch, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(await this.raw.POST("/v1/Salesforce/Latch", { body, ...callInit(options) }));
  }

  /**
   * `POST /v1/Salesforce/EnableSynch/{id}`: `salesforceSynchStatus` becomes `Enabled` and the
   * customer's changes reach its Account. The customer must be latched.
   *
   * @example
   * ```ts
   * const { data } = await latchwork.salesforce.enableSynch(12345); // data.salesforceSynchStatus === "Enabled"
   * ```
   */
  async enableSynch(customerId: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/Salesforce/EnableSynch/{customerId}", {
        params: { path: { customerId } },
        ...callInit(options),
      }),
    );
  }

  /**
   * `POST /v1/Salesforce/DisableSynch/{id}`: `salesforceSynchStatus` becomes `Disabled`.
   *
   * @example
   * ```ts
   * await latchwork.salesforce.disableSynch(12345);
   * ```
   */
  async disableSynch(customerId: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/Salesforce/DisableSynch/{customerId}", {
        params: { path: { customerId } },
        ...callInit(options),
      }),
    );
  }
}
