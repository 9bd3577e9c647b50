import JSON5 from "json5";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A request body's text, or undefined when its bytes are not UTF-8 (which JSON
 * requires): decoding them leniently would store U+FFFD in place of what was sent.
 * A leading byte order mark is dropped, as .NET clients may send one.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

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
