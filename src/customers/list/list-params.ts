/** The query-string parameters of `GET /v1/customers`, found whatever their letter case. */
export interface ListParams {
  query?: string | undefined;
  pageSize?: string | undefined;
  pageNumber?: string | undefined;
  sortOrder?: string | undefined;
  sortExpression?: string | undefined;
}

const NAMES: Record<string, keyof ListParams> = {
  query: "query",
  pagesize: "pageSize",
  pagenumber: "pageNumber",
  sortorder: "sortOrder",
  sortexpression: "sortExpression",
};

/**
 * Clients spell parameter names freely (`PageSize`, `pagesize`); the names are
 * matched case-insensitively, others (`preview`, cache busters) are ignored.
 * A repeated `query` ANDs its parts; any other repeated parameter takes its last value.
 */
export function normalizeListParams(raw: unknown): ListParams {
  const params: ListParams = {};
  if (!raw || typeof raw !== "object") return params;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = NAMES[key.toLowerCase()];
    if (name === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (name === "query") {
      params.query = [params.query, ...values].filter((part) => part !== undefined).join(";");
    } else {
      params[name] = values.at(-1);
    }
  }
  return params;
}
