/** `latchwork`, the package's bin (bin/latchwork.js runs the bundle of this file, or this file through tsx when the bundle is stale). */
import { processIo } from "./cli-io.ts";
import { runProgram } from "./run-program.ts";

const outcome = await runProgram(process.argv, processIo());
// a one-shot command is done (stdout is written synchronously to files and pipes), and a failed one exits at
// once since a failed start may leave a database or socket open; a server or worker keeps the process until
// a signal stops it
if (outcome !== "running") process.exit(outcome);
