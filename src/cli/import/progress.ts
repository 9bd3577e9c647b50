/** What the import reports its progress to (stderr, so that stdout keeps only the summary). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  update(done: number): void;
  /** Ends the bar's line (a TTY) so that what follows starts on a new one. */
  finish(): void;
}

const BAR_WIDTH = 30;

/**
 * A redrawn bar on a terminal; elsewhere (a pipe, a log file, CI) a plain line
 * at every tenth, since carriage returns would make one unreadable line.
 */
export function createProgress(label: string, total: number, stream: ProgressStream): Progress {
  let shown = -1;
  let drawn = false;
  const percentOf = (done: number) => (total === 0 ? 100 : Math.floor((done * 100) / total));
  return {
    update(done) {
      const percent = percentOf(done);
      if (stream.isTTY) {
        if (percent === shown) return;
        shown = percent;
        drawn = true;
        const filled = Math.round((percent / 100) * BAR_WIDTH);
        stream.write(
          `\r${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`,
        );
        return;
      }
      const tenth = Math.floor(percent / 10);
      if (tenth === shown || (tenth === 0 && done < total)) return;
      shown = tenth;
      stream.write(`${label}: ${done}/${total} rows (${percent}%)\n`);
    },
    finish() {
      if (stream.isTTY && drawn) stream.write("\n");
    },
  };
}
