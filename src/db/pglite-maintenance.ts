import { sql } from "kysely";
import type { Db } from "./database.ts";

/**
 * Autovacuum for the embedded database.
 *
 * PGlite runs PostgreSQL as one backend without background workers, so
 * autovacuum never runs although `show autovacuum` says "on": on a PGlite
 * with 50,000 rows updated and re-updated, `last_autovacuum` stayed null and
 * the visibility map empty for two minutes (autovacuum_naptime is one). Left
 * alone, the embedded database would keep every dead row version, never
 * refresh the planner's statistics, never mark pages all-visible (so index-only
 * scans fetch every row: X-Count of 10,000 matches at 100,000 customers took
 * 78–120 ms before a VACUUM and 5–11 ms after) and never freeze transaction
 * ids (PostgreSQL stops accepting writes after about two billion).
 *
 * This applies autovacuum's own rules, with the server's own settings, once
 * per interval: VACUUM (ANALYZE) a table when its dead rows, or rows inserted
 * since its last vacuum, pass the thresholds, or its oldest unfrozen
 * transaction id passes autovacuum_freeze_max_age; ANALYZE it when enough rows
 * changed. PGlite answers one query at a time, so requests wait while a table
 * is vacuumed: the price of an embedded database, logged with its duration.
 */
export class PgliteMaintenance {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: {
      intervalMs?: number;
      onRun?: (run: { table: string; action: "vacuum" | "analyze"; ms: number }) => void;
      onError?: (error: unknown) => void;
    } = {},
  ) {}

  start(): void {
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.runOnce()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          this.#running = undefined;
        });
    }, this.options.intervalMs ?? 60_000);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass: what was vacuumed or analyzed, in order. */
  async runOnce(): Promise<{ table: string; action: "vacuum" | "analyze" }[]> {
    const done: { table: string; action: "vacuum" | "analyze" }[] = [];
    for (const { table, vacuum, analyze } of await tablesDue(this.db)) {
      if (!vacuum && !analyze) continue;
      const action = vacuum ? "vacuum" : "analyze";
      const started = performance.now();
      await (vacuum ? sql`vacuum (analyze) ${sql.table(table)}` : sql`analyze ${sql.table(table)}`).execute(
        this.db,
      );
      this.options.onRun?.({ table, action, ms: Math.round(performance.now() - started) });
      done.push({ table, action });
    }
    return done;
  }
}

/** autovacuum's formulas (PostgreSQL docs, "The Autovacuum Daemon"), over this database's own tables. */
async function tablesDue(db: Db): Promise<{ table: string; vacuum: boolean; analyze: boolean }[]> {
  const { rows } = await sql<{ table: string; vacuum: boolean; analyze: boolean }>`
    with settings as (
      select
        current_setting('autovacuum_vacuum_threshold')::float8 as vacuum_threshold,
        current_setting('autovacuum_vacuum_scale_factor')::float8 as vacuum_scale,
        current_setting('autovacuum_vacuum_insert_threshold')::float8 as insert_threshold,
        current_setting('autovacuum_vacuum_insert_scale_factor')::float8 as insert_scale,
        current_setting('autovacuum_analyze_threshold')::float8 as analyze_threshold,
        current_setting('autovacuum_analyze_scale_factor')::float8 as analyze_scale,
        current_setting('autovacuum_freeze_max_age')::float8 as freeze_max_age
    )
    select
      s.relname as table,
      s.n_dead_tup > vacuum_threshold + vacuum_scale * greatest(c.reltuples, 0)
        or s.n_ins_since_vacuum > insert_threshold + insert_scale * greatest(c.reltuples, 0)
        or age(c.relfrozenxid) > freeze_max_age as vacuum,
      s.n_mod_since_analyze > analyze_threshold + analyze_scale * greatest(c.reltuples, 0) as analyze
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    cross join settings
    order by s.relname`.execute(db);
  return rows;
}
