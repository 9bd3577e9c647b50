import { createServer } from "node:net";

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now: the OS picks it
 * for a server that closes at once. For a server under test (or a PostgreSQL
 * that must come back on the same port after a restart) started in a child
 * process, which cannot hand its port back as `listen(0)` would.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
