import { randomInt } from "node:crypto";
import { ACCOUNT_KEY_PREFIX, caseChecksum, toId18 } from "../salesforce-id.ts";

export type AccountRecord = Record<string, unknown> & { Id: string };

/** The record the spec pages latch to (page 002: `0014100000JJ3wt`). */
export const SEEDED_ACCOUNTS: AccountRecord[] = [
  {
    Id: "0014100000JJ3wtAAD",
    Name: "Stolen Bikes",
    Type: "Customer - Direct",
    Phone: "613-555-5555",
    Website: null,
    AccountNumber: "1337",
  },
];

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const READ_ONLY = new Set([
  "id",
  "attributes",
  "isdeleted",
  "createddate",
  "lastmodifieddate",
  "systemmodstamp",
]);

/** The sandbox's Accounts, in memory, keyed by 18-character id. */
export class AccountStore {
  private readonly records = new Map<string, AccountRecord>();

  constructor(seed: AccountRecord[] = SEEDED_ACCOUNTS) {
    const now = new Date().toISOString();
    for (const record of seed) {
      this.records.set(record.Id, { ...record, IsDeleted: false, CreatedDate: now, LastModifiedDate: now });
    }
  }

  /** `id` is already a valid 15- or 18-character id. */
  get(id: string): AccountRecord | undefined {
    const id18 = toId18(id);
    return id18 ? this.records.get(id18) : undefined;
  }

  create(fields: Record<string, unknown>): AccountRecord {
    let id15 = ACCOUNT_KEY_PREFIX;
    while (id15.length < 15) id15 += BASE62[randomInt(BASE62.length)];
    const now = new Date().toISOString();
    const record: AccountRecord = {
      ...writable(fields),
      Id: id15 + caseChecksum(id15),
      IsDeleted: false,
      CreatedDate: now,
      LastModifiedDate: now,
    };
    this.records.set(record.Id, record);
    return record;
  }

  /** Moves the record to the recycle bin: reads no longer find it. False when there is none. */
  delete(id: string): boolean {
    const record = this.get(id);
    if (!record) return false;
    this.records.delete(record.Id);
    return true;
  }

  get size(): number {
    return this.records.size;
  }

  /** Merges `fields` into the record (PATCH semantics); false when there is no such record. */
  update(id: string, fields: Record<string, unknown>): boolean {
    const record = this.get(id);
    if (!record) return false;
    Object.assign(record, writable(fields), { LastModifiedDate: new Date().toISOString() });
    return true;
  }
}

function writable(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !READ_ONLY.has(name.toLowerCase())));
}
