/**
 * The HubSpot sandbox's records: contacts and companies, in memory, per app
 * instance. Ids are numeric strings as in CRM v3. A merge creates a record
 * with a new id and both old ids point to it, as HubSpot's merge does
 * (developers.hubspot.com changelog "updated merge functionality").
 */
export type ObjectType = "contacts" | "companies";

export const OBJECT_TYPES: readonly ObjectType[] = ["contacts", "companies"];

export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** The properties a GET returns when it asks for none (HubSpot's defaults). */
export const DEFAULT_PROPERTIES: Record<ObjectType, readonly string[]> = {
  contacts: ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
  companies: ["createdate", "domain", "hs_object_id", "hs_lastmodifieddate", "name"],
};

const SEEDS: Record<ObjectType, { id: string; properties: Record<string, string> }[]> = {
  contacts: [
    { id: "101", properties: { firstname: "John", lastname: "Doe", email: "john.doe@example.com" } },
  ],
  companies: [{ id: "202", properties: { name: "Stolen Bikes", domain: "stolenbikes.example.com" } }],
};

export class HubSpotStore {
  private readonly records: Record<ObjectType, Map<string, HubSpotRecord>> = {
    contacts: new Map(),
    companies: new Map(),
  };
  /** Old id → the id of the record it was merged into. */
  private readonly mergedInto: Record<ObjectType, Map<string, string>> = {
    contacts: new Map(),
    companies: new Map(),
  };
  private nextId = 1001;

  constructor() {
    for (const type of OBJECT_TYPES) {
      for (const seed of SEEDS[type]) this.insert(type, seed.id, seed.properties);
    }
  }

  private insert(type: ObjectType, id: string, properties: Record<string, string | null>): HubSpotRecord {
    const now = new Date().toISOString();
    const modified = type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
    const record: HubSpotRecord = {
      id,
      properties: { ...properties, hs_object_id: id, createdate: now, [modified]: now },
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    this.records[type].set(id, record);
    return record;
  }

  create(type: ObjectType, properties: Record<string, string | null>): HubSpotRecord {
    return this.insert(type, String(this.nextId++), properties);
  }

  /** The record `id` names now, following merges; archived ones only when asked for. */
  get(type: ObjectType, id: string, options: { archived?: boolean } = {}): HubSpotRecord | undefined {
    let current = id;
    for (let hops = 0; hops < 100 && this.mergedInto[type].has(current); hops++) {
      current = this.mergedInto[type].get(current) as string;
    }
    const record = this.records[type].get(current);
    if (!record || record.archived !== (options.archived ?? false)) return undefined;
    return record;
  }

  findBy(type: ObjectType, property: string, value: string): HubSpotRecord | undefined {
    for (const record of this.records[type].values()) {
      if (!record.archived && record.properties[property] === value) return record;
    }
    return undefined;
  }

  update(type: ObjectType, id: string, properties: Record<string, string | null>): HubSpotRecord | undefined {
    const record = this.get(type, id);
    if (!record) return undefined;
    const now = new Date().toISOString();
    const modified = type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
    // HubSpot clears a value sent as ""
    for (const [name, value] of Object.entries(properties))
      record.properties[name] = value === "" ? null : value;
    record.properties[modified] = now;
    record.updatedAt = now;
    return record;
  }

  archive(type: ObjectType, id: string): boolean {
    const record = this.get(type, id);
    if (!record) return false;
    record.archived = true;
    record.archivedAt = new Date().toISOString();
    return true;
  }

  /** Merges two records into a new one (the primary's values win); both old ids then resolve to it. */
  merge(type: ObjectType, primaryId: string, otherId: string): HubSpotRecord | undefined {
    const primary = this.get(type, primaryId);
    const other = this.get(type, otherId);
    if (!primary || !other || primary === other) return undefined;
    const properties = { ...other.properties, ...primary.properties };
    const merged = this.create(type, properties);
    merged.properties.hs_merged_object_ids = [primary.id, other.id].join(";");
    for (const old of [primary, other]) {
      this.records[type].delete(old.id);
      this.mergedInto[type].set(old.id, merged.id);
    }
    return merged;
  }
}
