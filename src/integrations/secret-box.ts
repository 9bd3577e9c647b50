import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * CRM credentials are encrypted at rest with AES-256-GCM. The key comes from
 * LATCHWORK_SECRET_KEY (32 bytes as 64 hex digits or base64). Without it, a key
 * is generated on first use into DATA_DIR/secret.key (mode 0600) so that a
 * single-node install works out of the box; a setup with several processes or
 * hosts sharing one PostgreSQL must set LATCHWORK_SECRET_KEY on all of them.
 * The associated data binds each ciphertext to its row, so a ciphertext copied
 * to another account or CRM does not decrypt.
 *
 * Rotation: set the new key as LATCHWORK_SECRET_KEY and the old one as
 * LATCHWORK_SECRET_KEY_PREVIOUS (comma-separated if several). Decryption falls
 * back to the previous keys, so nothing breaks meanwhile; reencryptCredentials
 * (rotate-secret-key.ts) then rewrites every stored secret with the new key,
 * after which the previous key can be dropped.
 */
const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;

export class SecretKeyError extends Error {}

let cachedKey: { source: string; key: Buffer } | undefined;
let cachedPrevious: { text: string; keys: Buffer[] } | undefined;

export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) {
    throw new SecretKeyError(
      "LATCHWORK_SECRET_KEY must be 32 random bytes written as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).",
    );
  }
  return key;
}

/** The configured key, else the one in DATA_DIR/secret.key (created on first use). */
export function resolveSecretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.LATCHWORK_SECRET_KEY;
  const file = path.resolve(env.DATA_DIR || "./data", "secret.key");
  const source = fromEnv ? `env:${fromEnv}` : file;
  if (cachedKey?.source === source) return cachedKey.key;
  const key = fromEnv ? parseSecretKey(fromEnv) : readOrCreateKeyFile(file);
  cachedKey = { source, key };
  return key;
}

/** The keys of LATCHWORK_SECRET_KEY_PREVIOUS (comma-separated), tried when the current key cannot decrypt. */
export function previousSecretKeys(env: NodeJS.ProcessEnv = process.env): Buffer[] {
  const text = env.LATCHWORK_SECRET_KEY_PREVIOUS ?? "";
  if (cachedPrevious?.text === text) return cachedPrevious.keys;
  const keys = text
    .split(",")
    .filter((part) => part.trim() !== "")
    .map((part) => parseSecretKey(part));
  cachedPrevious = { text, keys };
  return keys;
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return parseSecretKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if another process created it meanwhile, use theirs
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return parseSecretKey(readFileSync(file, "utf8"));
}

export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/**
 * Opens a sealed secret with `key`, else with one of the `previous` keys (by
 * default LATCHWORK_SECRET_KEY_PREVIOUS: a rotation in progress).
 */
export function decryptSecret(
  key: Buffer,
  sealed: string,
  context: string,
  previous: readonly Buffer[] = previousSecretKeys(),
): string {
  for (const candidate of [key, ...previous]) {
    const opened = openWith(candidate, sealed, context);
    if (opened !== undefined) return opened;
  }
  throw new SecretKeyError(
    "stored CRM credentials cannot be decrypted: LATCHWORK_SECRET_KEY differs from the key they were stored with",
  );
}

/** The plaintext, or undefined when `key` is not the key it was sealed with. */
function openWith(key: Buffer, sealed: string, context: string): string | undefined {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) {
    throw new SecretKeyError("stored CRM credentials are not in a format this version can read");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return undefined;
  }
}
