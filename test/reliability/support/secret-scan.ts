/**
 * Which of `secrets` occur in `text` (a server's whole stdout and stderr), in
 * any of the forms a log line could carry them: as is, JSON-escaped,
 * URL-encoded, or base64 (an `Authorization: Basic` header of it).
 */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => {
    const forms = new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      Buffer.from(secret).toString("base64"),
      Buffer.from(`0:${secret}`).toString("base64"),
    ]);
    return [...forms].some((form) => text.includes(form));
  });
}

/** The secrets of a test run's CRM connections: every credential value that is not a URL or a public id. */
export function credentialSecrets(credentials: Record<string, Record<string, string>>): string[] {
  const notSecret = new Set(["instanceUrl", "accountId"]);
  return Object.values(credentials).flatMap((fields) =>
    Object.entries(fields)
      .filter(([name]) => !notSecret.has(name))
      .map(([, value]) => value),
  );
}
