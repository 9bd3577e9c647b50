export type NetsuiteCustomer = Record<string, unknown> & { id: string };

/** The record spec page 000 shows a customer latched to (`netsuiteId: "1744203"`, an Individual). */
export const SEEDED_CUSTOMERS: NetsuiteCustomer[] = [
  {
    id: "1744203",
    entityId: "test test",
    externalId: null,
    isPerson: true,
    firstName: "test",
    lastName: "test",
    companyName: "company",
    email: "test@example.com",
    isInactive: false,
  },
];

const READ_ONLY = new Set(["id", "links", "datecreated", "lastmodifieddate"]);

/** The sandbox's customer records, in memory, keyed by internal id. */
export class CustomerStore {
  private readonly records = new Map<string, NetsuiteCustomer>();
  private nextId = 1_800_000;

  constructor(seed: NetsuiteCustomer[] = SEEDED_CUSTOMERS) {
    const now = new Date().toISOString();
    for (const record of seed)
      this.records.set(record.id, { ...record, dateCreated: now, lastModifiedDate: now });
  }

  /** By internal id, or `eid:{externalId}` as NetSuite allows wherever an internal id goes. */
  get(reference: string): NetsuiteCustomer | undefined {
    if (/^eid:/i.test(reference)) {
      const externalId = reference.slice(4);
      return [...this.records.values()].find((record) => record.externalId === externalId);
    }
    return this.records.get(reference);
  }

  create(fields: Record<string, unknown>): NetsuiteCustomer {
    this.nextId += 1;
    const now = new Date().toISOString();
    const record = { ...writable(fields), id: String(this.nextId), dateCreated: now, lastModifiedDate: now };
    this.records.set(record.id, record);
    return record;
  }

  get size(): number {
    return this.records.size;
  }

  delete(id: string): void {
    this.records.delete(id);
  }

  update(record: NetsuiteCustomer, fields: Record<string, unknown>): void {
    Object.assign(record, writable(fields), { lastModifiedDate: new Date().toISOString() });
  }
}

function writable(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !READ_ONLY.has(name.toLowerCase())));
}
