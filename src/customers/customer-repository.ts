import { type ExpressionBuilder, sql } from "kysely";
import { type Db, runStatement } from "../db/database.ts";
import type { CustomerUpdate, Database, NewCustomerRow } from "../db/schema.ts";
import type { Status } from "./customer-fields.ts";
import type { CustomerRecord } from "./customer-record.ts";
import {
  REPLACE_CUSTOMER,
  REPLACED_COLUMNS,
  SELECT_CUSTOMER,
  SELECT_CUSTOMER_FOR_UPDATE,
} from "./customer-sql.ts";

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
  const text = options.forUpdate ? SELECT_CUSTOMER_FOR_UPDATE : SELECT_CUSTOMER;
  const [row] = await runStatement<CustomerRecord>(db, text, [id, accountId]);
  return row;
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
  const record = await db
    .updateTable("customers")
    .set({ ...values, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", id)
    .where("accountId", "=", accountId)
    .returningAll()
    .returning(isParentColumn)
    .executeTakeFirst();
  if (!record) throw new Error(`customer ${id} vanished during its update`);
  return record;
}

export type ReplacedValues = Pick<CustomerUpdate, (typeof REPLACED_COLUMNS)[number]>;

/**
 * The full replace in one statement (see REPLACE_CUSTOMER): applied only while
 * the customer's status is one of `fromStatuses`, its currency is `currency`
 * (or any, when undefined) and its parent is `values.parentId` (or any, when
 * that is null). Undefined when the customer is missing or a condition fails.
 */
export async function replaceCustomerIf(
  db: Db,
  accountId: number,
  id: number,
  values: ReplacedValues,
  conditions: { currency: string | undefined; fromStatuses: readonly Status[] },
): Promise<CustomerRecord | undefined> {
  const parameters = [
    id,
    accountId,
    ...REPLACED_COLUMNS.map((name) => values[name] ?? null),
    conditions.currency ?? null,
    conditions.fromStatuses,
  ];
  const [row] = await runStatement<CustomerRecord>(db, REPLACE_CUSTOMER, parameters);
  return row;
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
