import JSON5 from "json5";

/**
 * Parses a request body the way Fusebill's .NET stack (Newtonsoft.Json) does:
 * strict JSON first (the fast path), then JSON5, which accepts the unquoted
 * keys, single-quoted strings and trailing commas of the spec's curl and C#
 * examples. Returns `undefined` for an empty body.
 */
export function parseRelaxedJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text);
  }
}
