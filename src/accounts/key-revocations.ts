/**
 * Tells the API processes' key caches (src/http/auth.ts) in this process that
 * a key was revoked, so that it stops working at once here. Other processes
 * (the CLI revoking while a server runs) are not reached: their caches let a
 * revoked key through for at most their TTL (10 s by default).
 */
type Listener = (keyId: number) => void;

const listeners = new Set<Listener>();

export function onKeyRevoked(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceKeyRevoked(keyId: number): void {
  for (const listener of listeners) listener(keyId);
}
