import type { CustomerRecord } from "./customer-record.ts";
import type { CustomerResponse } from "./customer-schema.ts";
import { canChangeCurrency } from "./status/status-rules.ts";

/**
 * Fusebill writes timestamps with .NET's 7 fractional digits and a Z
 * ("2019-11-07T15:51:11.1915461Z"); we keep that shape (our clock has
 * millisecond precision, so the last four digits are zeros).
 */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, -1)}0000Z`;
}

/** The wire form of a customer; `baseUrl` is PUBLIC_URL or the request's origin. */
export function toCustomerResponse(row: CustomerRecord, baseUrl: string): CustomerResponse {
  const uri = `${baseUrl}/v1/customers/${row.id}`;
  return {
    firstName: row.firstName,
    middleName: row.middleName,
    lastName: row.lastName,
    companyName: row.companyName,
    suffix: row.suffix,
    primaryEmail: row.primaryEmail,
    primaryPhone: row.primaryPhone,
    secondaryEmail: row.secondaryEmail,
    secondaryPhone: row.secondaryPhone,
    title: row.title ?? "",
    reference: row.reference,
    status: row.status,
    customerAccountStatus: row.customerAccountStatus,
    currency: row.currency,
    canChangeCurrency: canChangeCurrency(row.status),
    customerReference: {
      reference1: row.reference1,
      reference2: row.reference2,
      reference3: row.reference3,
      salesTrackingCodes: row.salesTrackingCodes,
      id: row.id,
      uri,
    },
    customerAcquisition: {
      adContent: row.adContent,
      campaign: row.campaign,
      keyword: row.keyword,
      landingPage: row.landingPage,
      medium: row.medium,
      source: row.source,
      id: row.id,
      uri,
    },
    monthlyRecurringRevenue: Number(row.monthlyRecurringRevenue),
    netMonthlyRecurringRevenue: Number(row.netMonthlyRecurringRevenue),
    salesforceId: row.salesforceId,
    salesforceAccountType: row.salesforceAccountType,
    salesforceSynchStatus: row.salesforceSynchStatus,
    netsuiteId: row.netsuiteId,
    netsuiteSynchStatus: row.netsuiteSynchStatus,
    netsuiteCustomerType: row.netsuiteCustomerType ?? "",
    portalUserName: row.portalUserName,
    parentId: row.parentId,
    isParent: row.isParent,
    quickBooksLatchType: row.quickBooksLatchType,
    quickBooksId: row.quickBooksId,
    quickBooksSyncToken: row.quickBooksSyncToken,
    hubSpotId: row.hubSpotId,
    hubSpotCompanyId: row.hubSpotCompanyId,
    geotabId: row.geotabId,
    digitalRiverId: row.digitalRiverId,
    modifiedTimestamp: formatTimestamp(row.modifiedTimestamp),
    createdTimestamp: formatTimestamp(row.createdTimestamp),
    requiresProjectedInvoiceGeneration: false,
    requiresFinancialCalendarGeneration: false,
    id: row.id,
    uri,
  };
}
