import type { SalesTrackingCodeRow } from "../db/schema.ts";
import type { CreateCustomerBody, ReplaceCustomerBody } from "./customer-schema.ts";

/** The writable fields of a customer, flat, after boundary normalisation. */
export interface CustomerInput {
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  companyName: string | null;
  suffix: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  secondaryEmail: string | null;
  secondaryPhone: string | null;
  title: string | null;
  reference: string | null;
  /** undefined: keep the current currency (or the account default on create). */
  currency: string | undefined;
  reference1: string | null;
  reference2: string | null;
  reference3: string | null;
  salesTrackingCodes: SalesTrackingCodeRow[];
  adContent: string | null;
  campaign: string | null;
  keyword: string | null;
  landingPage: string | null;
  medium: string | null;
  source: string | null;
  parentId: number | null;
  quickBooksLatchType: string | null;
  quickBooksId: number | null;
}

/** Maps a validated body to the input: absent fields become null (PUT is a full replace). */
export function toCustomerInput(body: CreateCustomerBody | ReplaceCustomerBody): CustomerInput {
  const reference = body.customerReference ?? {};
  const acquisition = body.customerAcquisition ?? {};
  return {
    firstName: body.firstName ?? null,
    middleName: body.middleName ?? null,
    lastName: body.lastName ?? null,
    companyName: body.companyName ?? null,
    suffix: body.suffix ?? null,
    primaryEmail: body.primaryEmail ?? null,
    primaryPhone: body.primaryPhone ?? null,
    secondaryEmail: body.secondaryEmail ?? null,
    secondaryPhone: body.secondaryPhone ?? null,
    title: body.title ? body.title : null,
    reference: body.reference ?? null,
    currency: body.currency ?? undefined,
    reference1: reference.reference1 ?? null,
    reference2: reference.reference2 ?? null,
    reference3: reference.reference3 ?? null,
    salesTrackingCodes: (reference.salesTrackingCodes ?? []).map((code) => ({
      type: code.type ?? null,
      code: code.code ?? null,
    })),
    adContent: acquisition.adContent ?? null,
    campaign: acquisition.campaign ?? null,
    keyword: acquisition.keyword ?? null,
    landingPage: acquisition.landingPage ?? null,
    medium: acquisition.medium ?? null,
    source: acquisition.source ?? null,
    parentId: body.parentId ?? null,
    quickBooksLatchType: body.quickBooksLatchType ?? null,
    quickBooksId: body.quickBooksId ?? null,
  };
}
