import { type Static, Type } from "typebox";
import { Id, MAX_ID, NullableId } from "../http/id-schema.ts";
import {
  CURRENCIES,
  MAX_SALES_TRACKING_CODES,
  QUICKBOOKS_LATCH_TYPES,
  STATUSES,
  TITLES,
} from "./customer-fields.ts";

/*
 * The customer's wire schemas: the only definition of what the API accepts and
 * returns. Validation (Ajv, with coercion of numbers sent for strings), the
 * boundary normaliser (key case, enum case) and OpenAPI all read these.
 * Nullable fields use `type: [T, "null"]` rather than anyOf so that Ajv can coerce.
 */
const nullableString = (maxLength: number) =>
  Type.Unsafe<string | null>({ type: ["string", "null"], maxLength });
const nullableEnum = <T extends string>(values: readonly T[], extra: string[] = []) =>
  Type.Unsafe<T | null>({ type: ["string", "null"], enum: [...values, ...extra, null] });
// quickBooksId is QuickBooks' own number, not one of our ids, yet a bigint column all the same
const nullableInteger = () =>
  Type.Unsafe<number | null>({ type: ["integer", "null"], minimum: -MAX_ID, maximum: MAX_ID });
const nullableNumber = () => Type.Unsafe<number | null>({ type: ["number", "null"] });
const nullableBoolean = () => Type.Unsafe<boolean | null>({ type: ["boolean", "null"] });

export const SalesTrackingCodeInput = Type.Object({
  type: nullableString(255),
  code: nullableString(255),
});

export const CustomerReferenceInput = Type.Object({
  reference1: Type.Optional(nullableString(255)),
  reference2: Type.Optional(nullableString(255)),
  reference3: Type.Optional(nullableString(255)),
  salesTrackingCodes: Type.Optional(
    Type.Unsafe<Static<typeof SalesTrackingCodeInput>[] | null>({
      type: ["array", "null"],
      maxItems: MAX_SALES_TRACKING_CODES,
      items: SalesTrackingCodeInput,
    }),
  ),
});

export const CustomerAcquisitionInput = Type.Object({
  adContent: Type.Optional(nullableString(255)),
  campaign: Type.Optional(nullableString(255)),
  keyword: Type.Optional(nullableString(255)),
  landingPage: Type.Optional(nullableString(255)),
  medium: Type.Optional(nullableString(255)),
  source: Type.Optional(nullableString(255)),
});

/** Writable fields, shared by create (POST) and full replace (PUT). */
const writableFields = {
  firstName: Type.Optional(nullableString(50)),
  middleName: Type.Optional(nullableString(50)),
  lastName: Type.Optional(nullableString(50)),
  companyName: Type.Optional(nullableString(50)),
  suffix: Type.Optional(nullableString(50)),
  primaryEmail: Type.Optional(nullableString(255)),
  primaryPhone: Type.Optional(nullableString(50)),
  secondaryEmail: Type.Optional(nullableString(255)),
  secondaryPhone: Type.Optional(nullableString(50)),
  // "" is how an unset title is serialised, so a GET's output must be accepted back
  title: Type.Optional(nullableEnum(TITLES, [""])),
  reference: Type.Optional(nullableString(255)),
  currency: Type.Optional(nullableEnum(CURRENCIES)),
  customerReference: Type.Optional(
    Type.Unsafe<Static<typeof CustomerReferenceInput> | null>({
      ...CustomerReferenceInput,
      type: ["object", "null"],
    }),
  ),
  customerAcquisition: Type.Optional(
    Type.Unsafe<Static<typeof CustomerAcquisitionInput> | null>({
      ...CustomerAcquisitionInput,
      type: ["object", "null"],
    }),
  ),
  parentId: Type.Optional(NullableId()),
  quickBooksLatchType: Type.Optional(nullableEnum(QUICKBOOKS_LATCH_TYPES)),
  quickBooksId: Type.Optional(nullableInteger()),
};

export const CreateCustomerBody = Type.Object({
  ...writableFields,
  status: Type.Optional(nullableEnum(STATUSES)),
});
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const ReplaceCustomerBody = Type.Object(
  {
    ...writableFields,
    status: Type.Unsafe<(typeof STATUSES)[number]>({ type: "string", enum: [...STATUSES] }),
    id: Id(),
  },
  { required: ["id", "status"] },
);
export type ReplaceCustomerBody = Static<typeof ReplaceCustomerBody>;

const nested = {
  id: Type.Integer(),
  uri: Type.String(),
};

/** The customer as every endpoint returns it, in the field order of the spec pages. */
export const CustomerResponse = Type.Object({
  firstName: nullableString(50),
  middleName: nullableString(50),
  lastName: nullableString(50),
  companyName: nullableString(50),
  suffix: nullableString(50),
  primaryEmail: nullableString(255),
  primaryPhone: nullableString(50),
  secondaryEmail: nullableString(255),
  secondaryPhone: nullableString(50),
  title: Type.String(),
  reference: nullableString(255),
  status: Type.String(),
  customerAccountStatus: Type.String(),
  currency: Type.String(),
  canChangeCurrency: Type.Boolean(),
  customerReference: Type.Object({
    reference1: nullableString(255),
    reference2: nullableString(255),
    reference3: nullableString(255),
    salesTrackingCodes: Type.Array(Type.Object({ type: nullableString(255), code: nullableString(255) })),
    ...nested,
  }),
  customerAcquisition: Type.Object({
    adContent: nullableString(255),
    campaign: nullableString(255),
    keyword: nullableString(255),
    landingPage: nullableString(255),
    medium: nullableString(255),
    source: nullableString(255),
    ...nested,
  }),
  monthlyRecurringRevenue: Type.Number(),
  netMonthlyRecurringRevenue: Type.Number(),
  salesforceId: nullableString(18),
  salesforceAccountType: nullableString(20),
  salesforceSynchStatus: nullableString(20),
  netsuiteId: nullableString(255),
  netsuiteSynchStatus: nullableString(20),
  netsuiteCustomerType: Type.String(),
  portalUserName: nullableString(255),
  parentId: nullableInteger(),
  isParent: Type.Boolean(),
  quickBooksLatchType: nullableString(20),
  quickBooksId: nullableInteger(),
  quickBooksSyncToken: nullableInteger(),
  hubSpotId: nullableInteger(),
  hubSpotCompanyId: nullableInteger(),
  geotabId: nullableString(255),
  digitalRiverId: nullableString(255),
  modifiedTimestamp: Type.String(),
  createdTimestamp: Type.String(),
  requiresProjectedInvoiceGeneration: Type.Boolean(),
  requiresFinancialCalendarGeneration: Type.Boolean(),
  ...nested,
});
export type CustomerResponse = Static<typeof CustomerResponse>;

export const CustomerIdParams = Type.Object({ id: Id() });

export { nullableBoolean, nullableNumber };
