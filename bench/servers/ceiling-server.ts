/**
 * The HTTP ceiling: a bare Fastify server answering the bench's routes from a
 * Map in memory (no database, no validation beyond the key), to show what
 * HTTP + JSON alone cost on this machine. Env: PORT, BENCH_CUSTOMERS,
 * LATCHWORK_API_KEY.
 */
import Fastify from "fastify";
import { customerJson, ID_BASE } from "../lib/customer-data.ts";

const port = Number(process.env.PORT);
const count = Number(process.env.BENCH_CUSTOMERS);
const expected = `Basic ${process.env.LATCHWORK_API_KEY}`;
const origin = `http://127.0.0.1:${port}`;

const customers = new Map<number, Record<string, unknown>>();
for (let i = 0; i < count; i++) customers.set(ID_BASE + i, customerJson(i, origin));
let nextId = ID_BASE + count;
const byPrefix = new Map<string, number[]>();

const app = Fastify({ logger: false });
app.addHook("onRequest", async (request, reply) => {
  if (request.headers.authorization !== expected) return reply.code(401).send({ error: "unauthorized" });
});

app.get<{ Params: { id: string } }>("/v1/customers/:id", async (request, reply) => {
  const customer = customers.get(Number(request.params.id));
  return customer ?? reply.code(404).send({ error: "not found" });
});

app.put<{ Body: Record<string, unknown> }>("/v1/customers", async (request, reply) => {
  const id = Number(request.body.id);
  const existing = customers.get(id);
  if (!existing) return reply.code(404).send({ error: "not found" });
  const next = { ...existing, ...request.body, id, modifiedTimestamp: new Date().toISOString() };
  customers.set(id, next);
  return next;
});

app.post<{ Body: Record<string, unknown> }>("/v1/customers", async (request) => {
  const id = nextId++;
  const now = new Date().toISOString();
  const customer = { ...request.body, id, status: "Draft", createdTimestamp: now, modifiedTimestamp: now };
  customers.set(id, customer);
  return customer;
});

app.get<{ Querystring: { query?: string; pageSize?: string; pageNumber?: string } }>(
  "/v1/customers",
  async (request, reply) => {
    const match = /^lastName:(\w+)\*$/.exec(request.query.query ?? "");
    if (!match) return reply.code(400).send({ error: "only lastName:prefix* is served" });
    const prefix = (match[1] as string).toLowerCase();
    let ids = byPrefix.get(prefix);
    if (!ids) {
      ids = [...customers.values()]
        .filter((c) =>
          String(c.lastName ?? "")
            .toLowerCase()
            .startsWith(prefix),
        )
        .map((c) => Number(c.id));
      byPrefix.set(prefix, ids);
    }
    const size = Number(request.query.pageSize ?? 20);
    const page = Number(request.query.pageNumber ?? 0);
    reply.header("X-MaxCount", ids.length).header("X-CurrentPage", page).header("X-PageSize", size);
    return ids.slice(page * size, (page + 1) * size).map((id) => customers.get(id));
  },
);

await app.listen({ port, host: "127.0.0.1" });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(0));
