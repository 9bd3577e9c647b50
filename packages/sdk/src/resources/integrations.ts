import type { RawClient } from "../client.ts";
import { type ApiResult, toResult } from "../result.ts";
import type { CallOptions, Connection, ConnectionInput, Crm } from "../types.ts";
import { callInit } from "./call-init.ts";

/** The account's CRM connections (our API, not Fusebill's): `latchwork.integrations`. */
export class Integrations {
  constructor(private readonly raw: RawClient) {}

  /**
   * `GET /v1/integrations/{crm}`: how the account reaches a CRM (`source`: `configured`,
   * `sandbox` or `none`). Never returns a secret.
   *
   * @example
   * ```ts
   * const { data } = await latchwork.integrations.get("hubspot"); // data.source === "sandbox"
   * ```
   */
  async get(crm: Crm, options?: CallOptions): Promise<ApiResult<Connection>> {
    return toResult(
      await this.raw.GET("/v1/integrations/{crm}", { params: { path: { crm } }, ...callInit(options) }),
    );
  }

  /**
   * `PUT /v1/integrations/{crm}`: stores the connection (credentials encrypted at rest).
   *
   * @example
   * ```ts
   * await latchwork.integrations.configure("hubspot", { credentials: { accessToken: "pat-na1-…" } });
   * ```
   */
  async configure(crm: Crm, body: ConnectionInput, options?: CallOptions): Promise<ApiResult<Connection>> {
    return toResult(
      await this.raw.PUT("/v1/integrations/{crm}", { params: { path: { crm } }, body, ...callInit(options) }),
    );
  }

  /**
   * `DELETE /v1/integrations/{crm}`: forgets the connection; the account is back on the sandbox.
   *
   * @example
   * ```ts
   * await latchwork.integrations.remove("hubspot");
   * ```
   */
  async remove(crm: Crm, options?: CallOptions): Promise<ApiResult<Connection>> {
    return toResult(
      await this.raw.DELETE("/v1/integrations/{crm}", { params: { path: { crm } }, ...callInit(options) }),
    );
  }
}
