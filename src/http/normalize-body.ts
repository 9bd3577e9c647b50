/**
 * Brings a parsed body to the exact shape of its JSON schema, once, at the
 * boundary, with Newtonsoft.Json's binding rules (which Fusebill clients rely on):
 * - property names match exactly first, then case-insensitively; of several
 *   case-insensitive matches the last one wins; unknown properties are dropped;
 * - enum values match case-insensitively and take the schema's spelling.
 * Type coercion (numbers sent for strings) is left to the validator
 * (Ajv `coerceTypes`), so messages about types come from one place.
 */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
};

export function normalizeToSchema(schema: Schema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const enumValues = schema.enum ?? schema.anyOf?.flatMap((option) => option.enum ?? []);
  if (enumValues && enumValues.length > 0 && typeof value === "string") {
    if (enumValues.includes(value)) return value;
    const lower = value.toLowerCase();
    return enumValues.find((option) => typeof option === "string" && option.toLowerCase() === lower) ?? value;
  }
  if (schema.properties && typeof value === "object" && !Array.isArray(value)) {
    return normalizeObject(schema.properties, value as Record<string, unknown>);
  }
  if (schema.items && Array.isArray(value)) {
    const items = schema.items;
    return value.map((item) => normalizeToSchema(items, item));
  }
  return value;
}

function normalizeObject(properties: Record<string, Schema>, input: Record<string, unknown>) {
  const byLowerName = new Map<string, string>();
  for (const name of Object.keys(properties)) byLowerName.set(name.toLowerCase(), name);
  const out: Record<string, unknown> = {};
  const exact = new Set<string>();
  for (const [key, raw] of Object.entries(input)) {
    const property = properties[key];
    if (property) {
      out[key] = normalizeToSchema(property, raw);
      exact.add(key);
      continue;
    }
    const name = byLowerName.get(key.toLowerCase());
    if (name === undefined || exact.has(name)) continue;
    out[name] = normalizeToSchema(properties[name] as Schema, raw);
  }
  return out;
}
