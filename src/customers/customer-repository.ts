import { type ExpressionBuilder, sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { CustomerUpdate, Database, NewCustomerRow } from "../db/schema.ts";
import type { CustomerRecord } from "./customer-serializer.ts";

/** `isParent` is derived: a customer is a parent while any customer names it as parent. */
export const isParentColumn = (eb: ExpressionBuilder<Database, "customers">) =>
  eb
    .exists(
      eb
        .selectFrom("customers as child")
        .select(sql.lit(1).as("one"))
        .whereRef("child.parentId", "=", "customers.id"),
    )
    .$castTo<boolean>()
    .as("isParent");

export async function findCustomer(
  db: Db,
  accountId: number,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerRecord | undefined> {
  let query = db
    .selectFrom("customers")
    .selectAll("customers")
    .select(isParentColumn)
    .where("customers.id", "=", id)
    .where("customers.accountId", "=", accountId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function customerExists(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom("customers").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

export async function insertCustomer(db: Db, values: NewCustomerRow): Promise<CustomerRecord> {
  const row = await db.insertInto("customers").values(values).returningAll().executeTakeFirstOrThrow();
  // a customer that was just created has no children
  return { ...row, isParent: false };
}

export async function updateCustomer(
  db: Db,
  accountId: number,
  id: number,
  values: CustomerUpdate,
): Promise<CustomerRecord> {
  await db
    .updateTable("customers")
    .set({ ...values, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", id)
    .where("accountId", "=", accountId)
    .execute();
  const record = await findCustomer(db, accountId, id);
  if (!record) throw new Error(`customer ${id} vanished during its update`);
  return record;
}

/** Ids of `id`'s ancestors, nearest first (walks parentId upwards; stops on a cycle). */
export async function ancestorIds(db: Db, id: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from customers where id = ${id}
      union
      select c.id, c.parent_id, up.depth + 1 from customers c join up on c.id = up.parent_id where up.depth < 100
    )
    select id from up where depth > 0 order by depth`.execute(db);
  return result.rows.map((row) => Number(row.id));
}

/** Moves the id sequence past explicitly inserted ids (fixtures), so generated ids never collide. */
export async function bumpCustomerIdSequence(db: Db): Promise<void> {
  await sql`select setval('customer_id_seq', greatest((select coalesce(max(id), 0) from customers), (select last_value from customer_id_seq)))`.execute(
    db,
  );
}
