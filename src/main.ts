/** `npm start`: the API and, unless WORKER=off, a sync worker (the same code path as `latchwork start`). */
import { loadConfig } from "./config.ts";
import { generatedKeyBanner, startServer } from "./server/start-server.ts";
import { stopOnSignals } from "./server/stop-on-signals.ts";

const config = loadConfig();
const server = await startServer(config);
process.stdout.write(generatedKeyBanner(server, config));
stopOnSignals(async (signal) => {
  server.app.log.info({ signal }, "shutting down");
  await server.stop();
});
