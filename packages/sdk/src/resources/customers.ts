import type { RawClient } from "../client.ts";
import { type ApiResult, type FusebillError, LatchworkApiError, toResult } from "../result.ts";
import type {
  CallOptions,
  Customer,
  CustomerActivation,
  CustomerActivationQuery,
  CustomerCancellation,
  CustomerCreate,
  CustomerListQuery,
  CustomerReplace,
  CustomerUnhold,
} from "../types.ts";
import { callInit } from "./call-init.ts";

/** The paging headers of a list answer (`X-Count`, `X-MaxCount`, …), as numbers. */
export interface Paging {
  /** Customers matching the query, on all pages (`X-Count`). */
  count: number;
  /** All the account's customers, whatever the query (`X-MaxCount`). */
  maxCount: number;
  /** 0-based. */
  currentPage: number;
  /** `-1` on the first page. */
  previousPage: number;
  /** `-1` on the last page. */
  nextPage: number;
  pageSize: number;
  maxPageIndex: number;
  sortOrder: string;
  sortExpression: string;
}

export type CustomerPage =
  | { data: Customer[]; paging: Paging; error?: undefined; response: Response }
  | { data?: undefined; paging?: undefined; error: FusebillError; response: Response };

function readPaging(headers: Headers): Paging {
  const number = (name: string) => Number(headers.get(name) ?? Number.NaN);
  return {
    count: number("x-count"),
    maxCount: number("x-maxcount"),
    currentPage: number("x-currentpage"),
    previousPage: number("x-previouspage"),
    nextPage: number("x-nextpage"),
    pageSize: number("x-pagesize"),
    maxPageIndex: number("x-maxpageindex"),
    sortOrder: headers.get("x-sortorder") ?? "",
    sortExpression: headers.get("x-sortexpression") ?? "",
  };
}

/** Fusebill's customer endpoints: `latchwork.customers`. */
export class Customers {
  constructor(private readonly raw: RawClient) {}

  /**
   * `POST /v1/customers`: creates a customer, `Draft` and `Good`, in the account's currency
   * unless `currency` says otherwise. Every field is optional.
   *
   * @example
   * ```ts
   * const { data, error } = await latchwork.customers.create({
   *   firstName: "John",
   *   lastName: "Smith",
   *   companyName: "Acme Inc.",
   *   primaryEmail: "john@example.com",
   * });
   * if (error) throw new Error(error.Errors[0]?.Value);
   * console.log(data.id, data.status); // 12345 "Draft"
   * ```
   */
  async create(customer: CustomerCreate = {}, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(await this.raw.POST("/v1/customers", { body: customer, ...callInit(options) }));
  }

  /**
   * `GET /v1/customers/{id}`: one customer. A customer of another account is a 404, as if absent.
   *
   * @example
   * ```ts
   * const { data, error } = await latchwork.customers.get(12345);
   * if (error?.HttpStatusCode === 404) console.log(error.Errors[0]?.Value); // "Customer with id 12345 not found."
   * ```
   */
  async get(id: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.GET("/v1/customers/{id}", { params: { path: { id } }, ...callInit(options) }),
    );
  }

  /**
   * `GET /v1/customers`: one page of the account's customers, with the paging headers read
   * into `paging`. `query` filters (`;` AND, `,` OR, `*` wildcard, `a|b` range, `[empty]`),
   * `pageNumber` is 0-based, `pageSize` at most 1000 (default 20).
   *
   * @example
   * ```ts
   * const { data, paging, error } = await latchwork.customers.list({
   *   query: "lastName:Sm*;status:Active,Draft",
   *   pageSize: 50,
   *   sortExpression: "lastName",
   * });
   * if (!error) console.log(`${data.length} on this page, ${paging.count} in all`);
   * ```
   */
  async list(query: CustomerListQuery = {}, options?: CallOptions): Promise<CustomerPage> {
    const answer = await this.raw.GET("/v1/customers", { params: { query }, ...callInit(options) });
    const result = toResult<Customer[]>(answer);
    if (result.error) return result;
    return { ...result, paging: readPaging(result.response.headers) };
  }

  /**
   * Every customer matching `query`, page after page (`pageSize` per request, default 100).
   * Rejects with `LatchworkApiError` if a page fails.
   *
   * @example
   * ```ts
   * for await (const customer of latchwork.customers.iterate({ query: "status:Active" })) {
   *   console.log(customer.id, customer.companyName);
   * }
   * ```
   */
  async *iterate(query: CustomerListQuery = {}, options?: CallOptions): AsyncGenerator<Customer> {
    let pageNumber = query.pageNumber ?? 0;
    for (;;) {
      const page = await this.list({ pageSize: 100, ...query, pageNumber }, options);
      if (page.error) throw new LatchworkApiError(page.error);
      yield* page.data;
      if (page.paging.nextPage < 0 || page.data.length === 0) return;
      pageNumber = page.paging.nextPage;
    }
  }

  /**
   * `PUT /v1/customers`: a full replace. Writable fields not sent become null; `id` and
   * `status` are required; read-only fields are ignored, so a `get`'s data can be sent back
   * with changes (its type is accepted as it is: the response schema types `title` and
   * `status` as plain strings, the server checks their values).
   *
   * @example
   * ```ts
   * const current = await latchwork.customers.get(12345);
   * if (current.data) {
   *   const { data, error } = await latchwork.customers.replace({ ...current.data, companyName: "Acme Ltd." });
   * }
   * ```
   */
  async replace(customer: CustomerReplace | Customer, options?: CallOptions): Promise<ApiResult<Customer>> {
    const body = customer as CustomerReplace;
    return toResult(await this.raw.PUT("/v1/customers", { body, ...callInit(options) }));
  }

  /**
   * `POST /v1/customerActivation`: Draft → Active. With `{ preview: true }` nothing changes
   * and the customer comes back as it would be.
   *
   * @example
   * ```ts
   * await latchwork.customers.activate({
   *   customerId: 12345,
   *   activateAllSubscriptions: true,
   *   activateAllDraftPurchases: true,
   *   temporarilyDisableAutoPost: false,
   * });
   * ```
   */
  async activate(
    body: CustomerActivation,
    query: CustomerActivationQuery = {},
    options?: CallOptions,
  ): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/customerActivation", { body, params: { query }, ...callInit(options) }),
    );
  }

  /**
   * `POST /v1/CustomerHold/{id}`: Active → Hold.
   *
   * @example
   * ```ts
   * const { data } = await latchwork.customers.hold(12345); // data.status === "Hold"
   * ```
   */
  async hold(id: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/CustomerHold/{id}", { params: { path: { id } }, ...callInit(options) }),
    );
  }

  /**
   * `POST /v1/customers/unHold`: Hold → Active.
   *
   * @example
   * ```ts
   * await latchwork.customers.unhold({ customerId: 12345, serviceStartOption: "NoChargesForMissedPeriods" });
   * ```
   */
  async unhold(body: CustomerUnhold, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(await this.raw.POST("/v1/customers/unHold", { body, ...callInit(options) }));
  }

  /**
   * `POST /v1/customerCancellation`: → Cancelled.
   *
   * @example
   * ```ts
   * await latchwork.customers.cancel({ customerId: 12345, cancellationOption: "None" });
   * ```
   */
  async cancel(body: CustomerCancellation, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(await this.raw.POST("/v1/customerCancellation", { body, ...callInit(options) }));
  }

  /**
   * `POST /v1/customers/uncancel/{id}`: Cancelled → Active.
   *
   * @example
   * ```ts
   * const { data } = await latchwork.customers.uncancel(12345); // data.status === "Active"
   * ```
   */
  async uncancel(id: number, options?: CallOptions): Promise<ApiResult<Customer>> {
    return toResult(
      await this.raw.POST("/v1/customers/uncancel/{id}", { params: { path: { id } }, ...callInit(options) }),
    );
  }
}
