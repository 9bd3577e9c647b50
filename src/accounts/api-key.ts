import { createHash, randomBytes } from "node:crypto";

/**
 * Fusebill API keys are base64 of "0:{secret}" (the docs' example key decodes to
 * "0:EH9v…"), sent verbatim as `Authorization: Basic {APIKey}`. Clients that
 * send user "0" and the secret as password therefore produce the same header,
 * so one verbatim comparison serves both. We issue keys of the same shape.
 */
export function generateApiKey(): string {
  return Buffer.from(`0:${randomBytes(24).toString("base64url")}`).toString("base64");
}

/**
 * Keys carry 192 random bits, so a fast unsalted SHA-256 is enough to make a
 * stolen table useless, and it keeps authentication off the hot path's budget
 * (a password hash would cost milliseconds per request).
 */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * The last characters of a key, stored to let people tell their keys apart.
 * Base64 padding is skipped: our keys always end in "==", which tells nothing.
 */
export function keyHint(key: string): string {
  return key.replace(/=+$/, "").slice(-4);
}

const BASE64ISH = /^[A-Za-z0-9+/=_-]+$/;

export type ParsedAuthorization =
  | { kind: "missing" }
  | { kind: "malformed" }
  | { kind: "key"; candidates: string[] };

/**
 * Reads `Authorization: Basic {APIKey}`. Besides the verbatim key, accepts a
 * client that put the key in the user name with an empty password
 * (base64 of "{APIKey}:"), which the docs' wording also allows.
 */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined || header.trim() === "") return { kind: "missing" };
  const match = /^\s*basic\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (!token || !BASE64ISH.test(token)) return { kind: "malformed" };
  const candidates = [token];
  const decoded = Buffer.from(token, "base64").toString("utf8");
  if (decoded.endsWith(":") && decoded.length > 1 && BASE64ISH.test(decoded.slice(0, -1))) {
    candidates.push(decoded.slice(0, -1));
  }
  return { kind: "key", candidates };
}
