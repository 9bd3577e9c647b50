/**
 * The naive baseline: Fastify and hand-written SQL on Latchwork's own tables,
 * with no validation, no mapping and no sync trigger. GET is one SELECT by id;
 * PUT an UPDATE and an outbox INSERT in one transaction; POST one INSERT; the
 * list a prefix SELECT with LIMIT/OFFSET and a count. On PostgreSQL through a
 * pg Pool(10) (DATABASE_URL), else on PGlite on disk (DATA_DIR): the same
 * queries. Env also: PORT, LATCHWORK_API_KEY, ACCOUNT_ID.
 */
import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import pg from "pg";

const port = Number(process.env.PORT);
const accountId = Number(process.env.ACCOUNT_ID);
const expected = `Basic ${process.env.LATCHWORK_API_KEY}`;

type Row = Record<string, unknown>;
interface Queries {
  query(text: string, params: unknown[]): Promise<Row[]>;
  transaction<T>(work: (query: Queries["query"]) => Promise<T>): Promise<T>;
}

async function connect(): Promise<Queries> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return {
      query: async (text, params) => (await pool.query(text, params)).rows,
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query("begin");
          const result = await work(async (text, params) => (await client.query(text, params)).rows);
          await client.query("commit");
          return result;
        } catch (error) {
          await client.query("rollback");
          throw error;
        } finally {
          client.release();
        }
      },
    };
  }
  const db = await PGlite.create({ dataDir: process.env.DATA_DIR });
  return {
    query: async (text, params) => (await db.query<Row>(text, params)).rows,
    transaction: (work) =>
      db.transaction((tx) => work(async (text, params) => (await tx.query<Row>(text, params)).rows)),
  };
}

const db = await connect();
await db.query(
  "create table if not exists bench_outbox (id bigserial primary key, customer_id bigint not null, created_at timestamptz not null default now())",
  [],
);
// this baseline writes its outbox row itself, as a hand-written service would
await db.query("drop trigger if exists customers_enqueue_sync on customers", []);

const FIELDS = [
  "first_name",
  "middle_name",
  "last_name",
  "company_name",
  "suffix",
  "primary_email",
  "primary_phone",
  "secondary_email",
  "secondary_phone",
  "title",
  "reference",
];
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const values = (body: Row) => FIELDS.map((name) => body[camel(name)] ?? null);

const app = Fastify({ logger: false });
app.addHook("onRequest", async (request, reply) => {
  if (request.headers.authorization !== expected) return reply.code(401).send({ error: "unauthorized" });
});

app.get<{ Params: { id: string } }>("/v1/customers/:id", async (request, reply) => {
  const rows = await db.query("select * from customers where id = $1 and account_id = $2", [
    Number(request.params.id),
    accountId,
  ]);
  return rows[0] ?? reply.code(404).send({ error: "not found" });
});

app.put<{ Body: Row }>("/v1/customers", async (request, reply) => {
  const id = Number(request.body.id);
  const assignments = FIELDS.map((name, k) => `${name} = $${k + 3}`).join(", ");
  const row = await db.transaction(async (query) => {
    const rows = await query(
      `update customers set ${assignments}, status = $${FIELDS.length + 3}, modified_timestamp = now()
       where id = $1 and account_id = $2 returning *`,
      [id, accountId, ...values(request.body), request.body.status ?? "Active"],
    );
    if (rows[0]) await query("insert into bench_outbox (customer_id) values ($1)", [id]);
    return rows[0];
  });
  return row ?? reply.code(404).send({ error: "not found" });
});

app.post<{ Body: Row }>("/v1/customers", async (request) => {
  const placeholders = FIELDS.map((_, k) => `$${k + 2}`).join(", ");
  const rows = await db.query(
    `insert into customers (account_id, currency, ${FIELDS.join(", ")}) values ($1, 'USD', ${placeholders}) returning *`,
    [accountId, ...values(request.body)],
  );
  return rows[0];
});

app.get<{ Querystring: { query?: string; pageSize?: string; pageNumber?: string } }>(
  "/v1/customers",
  async (request, reply) => {
    const match = /^lastName:(\w+)\*$/.exec(request.query.query ?? "");
    if (!match) return reply.code(400).send({ error: "only lastName:prefix* is served" });
    const prefix = `${(match[1] as string).toLowerCase()}%`;
    const size = Number(request.query.pageSize ?? 20);
    const page = Number(request.query.pageNumber ?? 0);
    const where = "account_id = $1 and lower(last_name) like $2";
    const [rows, count] = await Promise.all([
      db.query(`select * from customers where ${where} order by id limit $3 offset $4`, [
        accountId,
        prefix,
        size,
        page * size,
      ]),
      db.query(`select count(*)::int as n from customers where ${where}`, [accountId, prefix]),
    ]);
    reply
      .header("X-MaxCount", count[0]?.n ?? 0)
      .header("X-CurrentPage", page)
      .header("X-PageSize", size);
    return rows;
  },
);

await app.listen({ port, host: "127.0.0.1" });
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => process.exit(0));
}
