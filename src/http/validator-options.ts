/**
 * The Ajv options every request body is validated with: strings coerced to
 * numbers (and single values to arrays) as Fusebill's examples need, unknown
 * properties dropped, defaults applied. One definition, for buildApp, the
 * standalone sandbox server and the CLI import, so a row is checked exactly
 * as a request body is.
 */
export const VALIDATOR_OPTIONS = {
  coerceTypes: "array",
  removeAdditional: true,
  useDefaults: true,
  allErrors: false,
  strict: false,
} as const;
