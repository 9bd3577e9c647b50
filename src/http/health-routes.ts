import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { migrationsApplied } from "../db/migrate.ts";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

/** How long /readyz waits for the database: a pool waiting on an unreachable host would otherwise hang the probe. */
const READY_TIMEOUT_MS = 2000;

class ReadinessTimeout extends Error {}

/**
 * Probes for orchestrators, outside /v1 and without an API key:
 * - GET /healthz (liveness): the process serves HTTP. It never touches the
 *   database, so that a database outage does not get every replica restarted.
 * - GET /readyz (readiness): the database answers and has every migration
 *   of this version; otherwise 503 in the Fusebill envelope (the cause is
 *   logged, not returned: the probe is public).
 */
export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (request, reply) => {
    let migrated: boolean;
    try {
      migrated = await withDeadline(async () => {
        await sql`select 1`.execute(db);
        return migrationsApplied(db);
      });
    } catch (error) {
      request.log.warn({ err: error }, "readiness: the database does not answer");
      return reply.code(503).send(envelope(503, messages.notReadyDatabase));
    }
    if (!migrated) return reply.code(503).send(envelope(503, messages.notReadyMigrations));
    return { status: "ready" };
  });
}

async function withDeadline<T>(work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new ReadinessTimeout(`no answer within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
