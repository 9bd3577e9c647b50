/**
 * Salesforce record ids. A 15-character id is case-sensitive base62; the
 * 18-character form appends a 3-character checksum of the letter case, so that
 * it survives case-insensitive systems. We store and compare the 18-character form.
 */
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const ID_CHARS = /^[A-Za-z0-9]+$/;

/** The key prefix of the Account object: every Account id starts with it. */
export const ACCOUNT_KEY_PREFIX = "001";

/** The 3-character case checksum of a 15-character id: per 5-character chunk, bit i = character i is A–Z. */
export function caseChecksum(id15: string): string {
  let suffix = "";
  for (const offset of [0, 5, 10]) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(offset + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * The canonical 18-character form of a 15- or 18-character id, or undefined if
 * it cannot be one. An 18-character id's suffix is read case-insensitively and
 * restores the case of the first 15 characters (so an upper- or lower-cased id
 * still names the same record); a suffix that marks a digit as upper case is invalid.
 */
export function toId18(input: string): string | undefined {
  if (!ID_CHARS.test(input)) return undefined;
  if (input.length === 15) return input + caseChecksum(input);
  if (input.length !== 18) return undefined;
  const suffix = input.slice(15).toUpperCase();
  let restored = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk] as string);
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const char = input[chunk * 5 + i] as string;
      const upper = (bits & (1 << i)) !== 0;
      if (upper && !/[A-Za-z]/.test(char)) return undefined;
      restored += upper ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return restored + suffix;
}

/** The canonical 18-character id if `input` can be an Account id (shape, checksum, key prefix 001). */
export function toAccountId18(input: string): string | undefined {
  const id18 = toId18(input);
  return id18?.startsWith(ACCOUNT_KEY_PREFIX) ? id18 : undefined;
}
