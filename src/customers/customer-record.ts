import type { CustomerRow } from "../db/schema.ts";

/**
 * A customer as the registry holds it: its row, plus whether it is some customer's parent
 * (computed by the read). The domain type every service, mapping and pusher uses.
 */
export type CustomerRecord = CustomerRow & { isParent: boolean };
