import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Db } from "../db/database.ts";
import type { SyncMetrics } from "../sync/sync-metrics.ts";

/**
 * What a route module needs from the app: its type, its dependencies and `baseUrl`. Route modules import
 * this file, never app.ts, which imports them (test/architecture/import-cycles.test.ts keeps it so).
 */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppDeps {
  db: Db;
  /** Base of the `uri` fields; the request's own origin when unset. */
  publicUrl?: string | undefined;
  /** `http://127.0.0.1:{port}` of this process once it listens; the built-in sandbox CRMs live beneath it. */
  selfUrl(): string;
  /** Whether the built-in sandbox CRMs are served and used by accounts without a connection. */
  sandbox?: boolean;
  /** How long a CRM call may take before it counts as unreachable. */
  crmTimeoutMs?: number;
  /** 32-byte key for the CRM secrets; from LATCHWORK_SECRET_KEY or DATA_DIR/secret.key when unset. */
  secretKey?: Buffer;
  /** The sync metrics /metrics serves; the app makes its own when unset (see `app.syncMetrics`). */
  metrics?: SyncMetrics;
  /** Called after every successful API write, e.g. to wake the in-process sync worker. */
  afterWrite?: () => void;
  /** LATCHWORK_OUTBOUND_ALLOW, parsed: hosts live accounts may call although not public https (outbound-url.ts). */
  outboundAllow?: readonly string[];
}

/** The base URL that `uri` fields start with. */
export function baseUrl(request: FastifyRequest, deps: AppDeps): string {
  return deps.publicUrl ?? `${request.protocol}://${request.host}`;
}
