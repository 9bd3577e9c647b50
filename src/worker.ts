/** `npm run worker`: a standalone sync worker (the same code path as `latchwork worker`). */
import { loadConfig } from "./config.ts";
import { startWorker, WorkerNeedsPostgresError } from "./server/start-worker.ts";
import { stopOnSignals } from "./server/stop-on-signals.ts";

try {
  const running = await startWorker(loadConfig());
  stopOnSignals(async (signal) => {
    running.log.info({ signal }, "shutting down");
    await running.stop();
  });
} catch (error) {
  if (!(error instanceof WorkerNeedsPostgresError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
