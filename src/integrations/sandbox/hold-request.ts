import type { FastifyRequest } from "fastify";

/**
 * Holds a sandbox request for up to `ms`, ending early when the client hangs
 * up or the app closes (so a simulated timeout never keeps a test run or a
 * shutdown waiting). Resolves to whether the client is still there.
 */
export class RequestHolds {
  private readonly releases = new Set<() => void>();

  hold(request: FastifyRequest, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = request.raw.socket;
      const finish = () => {
        clearTimeout(timer);
        socket.off("close", finish);
        this.releases.delete(finish);
        resolve(!socket.destroyed);
      };
      // a simulated hang must never keep the process alive on its own
      const timer = setTimeout(finish, ms).unref();
      socket.on("close", finish);
      this.releases.add(finish);
    });
  }

  releaseAll(): void {
    for (const release of [...this.releases]) release();
  }
}
