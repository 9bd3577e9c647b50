import { createHmac, randomBytes } from "node:crypto";

/**
 * OAuth 1.0a request signing (RFC 5849 §3.4) as NetSuite token-based
 * authentication requires it (HMAC-SHA256, `realm` = the account id). Signed
 * with node:crypto: the algorithm is one base string and one HMAC, and the
 * npm `oauth-1.0a` package would still need us to supply the HMAC.
 */
export interface OAuth1Credentials {
  realm: string;
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export interface SigningOptions {
  signatureMethod?: "HMAC-SHA256" | "HMAC-SHA1";
  nonce?: string;
  timestamp?: number;
  /** Form-encoded body parameters, which RFC 5849 signs too (NetSuite sends JSON, so none). */
  bodyParams?: [string, string][];
}

/** RFC 3986 percent-encoding: encodeURIComponent leaves !'()* alone, OAuth does not. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `METHOD&base-url&normalized-params`, each part percent-encoded. */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const parsed = new URL(url);
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/^(\w+:)/, (scheme) =>
    scheme.toLowerCase(),
  );
  const normalized = params
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) =>
      nameA === nameB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : nameA < nameB ? -1 : 1,
    )
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  return [method.toUpperCase(), percentEncode(baseUrl), percentEncode(normalized)].join("&");
}

/** The `Authorization: OAuth realm="…", oauth_…` header value for one request. */
export function oauth1Header(
  method: string,
  url: string,
  credentials: OAuth1Credentials,
  options: SigningOptions = {},
): string {
  const signatureMethod = options.signatureMethod ?? "HMAC-SHA256";
  const oauthParams: [string, string][] = [
    ["oauth_consumer_key", credentials.consumerKey],
    ["oauth_nonce", options.nonce ?? randomBytes(16).toString("hex")],
    ["oauth_signature_method", signatureMethod],
    ["oauth_timestamp", String(options.timestamp ?? Math.floor(Date.now() / 1000))],
    ["oauth_token", credentials.token],
    ["oauth_version", "1.0"],
  ];
  const queryParams = [...new URL(url).searchParams.entries()];
  const base = signatureBaseString(method, url, [
    ...oauthParams,
    ...queryParams,
    ...(options.bodyParams ?? []),
  ]);
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`;
  const algorithm = signatureMethod === "HMAC-SHA1" ? "sha1" : "sha256";
  const signature = createHmac(algorithm, key).update(base).digest("base64");
  const fields = [["realm", credentials.realm], ...oauthParams, ["oauth_signature", signature]];
  return `OAuth ${fields.map(([name, value]) => `${name}="${percentEncode(value as string)}"`).join(", ")}`;
}

/** The parameters of an `OAuth …` Authorization header, or undefined if it is not one. */
export function parseOAuth1Header(header: string | undefined): Record<string, string> | undefined {
  const match = /^OAuth\s+(.+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const part of (match[1] as string).split(",")) {
    const pair = /^\s*([\w]+)="([^"]*)"\s*$/.exec(part);
    if (!pair) return undefined;
    params[pair[1] as string] = decodeURIComponent(pair[2] as string);
  }
  return params;
}
