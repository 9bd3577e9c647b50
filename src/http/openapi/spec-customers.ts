import type { CustomerResponse } from "../../customers/customer-schema.ts";
import { CustomerStatus, canChangeCurrency, INITIAL_STATUS } from "../../customers/status/status-rules.ts";

/*
 * The customers the spec pages show, as this API answers them: the pages'
 * values over a blank customer (the pages' answers leave fields out and
 * obfuscate e-mail addresses; the addresses are fixtures/spec-examples.json's).
 */
const BASE = "https://billing.example.com";

/** A customer as the API answers it, with the pages' values over a blank customer's. */
function customer(id: number, fields: Partial<CustomerResponse>): CustomerResponse {
  const uri = `${BASE}/v1/customers/${id}`;
  const blank: CustomerResponse = {
    firstName: null,
    middleName: null,
    lastName: null,
    companyName: null,
    suffix: null,
    primaryEmail: null,
    primaryPhone: null,
    secondaryEmail: null,
    secondaryPhone: null,
    title: "",
    reference: null,
    status: CustomerStatus.Active,
    customerAccountStatus: "Good",
    currency: "USD",
    canChangeCurrency: false,
    customerReference: {
      reference1: null,
      reference2: null,
      reference3: null,
      salesTrackingCodes: [],
      id,
      uri,
    },
    customerAcquisition: {
      adContent: null,
      campaign: null,
      keyword: null,
      landingPage: null,
      medium: null,
      source: null,
      id,
      uri,
    },
    monthlyRecurringRevenue: 0,
    netMonthlyRecurringRevenue: 0,
    salesforceId: null,
    salesforceAccountType: null,
    salesforceSynchStatus: null,
    netsuiteId: null,
    netsuiteSynchStatus: null,
    netsuiteCustomerType: "",
    portalUserName: null,
    parentId: null,
    isParent: false,
    quickBooksLatchType: null,
    quickBooksId: null,
    quickBooksSyncToken: null,
    hubSpotId: null,
    hubSpotCompanyId: null,
    geotabId: null,
    digitalRiverId: null,
    modifiedTimestamp: "2020-04-28T14:12:00.0300000Z",
    createdTimestamp: "2019-06-01T12:00:00.0000000Z",
    requiresProjectedInvoiceGeneration: false,
    requiresFinancialCalendarGeneration: false,
    id,
    uri,
  };
  return { ...blank, ...fields };
}

const stolenBikes = {
  firstName: "John",
  lastName: "Doe",
  companyName: "Stolen Bikes",
  primaryEmail: "john.doe@example.com",
  primaryPhone: "613-555-5555",
  secondaryEmail: "accounts@example.com",
  title: "Mr",
  reference: "1337",
  monthlyRecurringRevenue: 25.98,
  netMonthlyRecurringRevenue: 25.98,
};

/** Page 001's answer: customer 172677, latched to Salesforce and synced. */
export const salesforceCustomer = customer(172677, {
  ...stolenBikes,
  salesforceId: "0014100000JJ3wtAAD",
  salesforceSynchStatus: "Enabled",
});

/** Page 000's answer: customer 93132, NetSuite customer 1744203, synced. */
export const netsuiteCustomer = customer(93132, {
  firstName: "test",
  lastName: "test",
  companyName: "company",
  primaryEmail: "test@example.com",
  secondaryEmail: "test2@example.com",
  monthlyRecurringRevenue: 60,
  netMonthlyRecurringRevenue: 60,
  netsuiteId: "1744203",
  netsuiteSynchStatus: "Enabled",
  netsuiteCustomerType: "Individual",
  modifiedTimestamp: "2023-04-13T17:41:39.7640000Z",
  createdTimestamp: "2023-03-22T19:21:24.8570000Z",
});

/** Page 004's answer: customer 2554529, HubSpot contact 101 and company 202. */
export const hubspotCustomer = customer(2554529, { ...stolenBikes, hubSpotId: 101, hubSpotCompanyId: 202 });

/** Page 003's payload block and answer: customer 12000750, child of 12000749. */
export const katelyn = customer(12000750, {
  firstName: "Katelyn",
  middleName: "Kent",
  lastName: "Floyd",
  companyName: "Ronbert",
  suffix: "Sr.",
  primaryEmail: "katelyn@example.com",
  primaryPhone: "9964413586",
  secondaryEmail: "kfloyd@example.com",
  secondaryPhone: "9555473089",
  title: "Miss",
  reference: "100986",
  customerReference: {
    reference1: null,
    reference2: "customValue",
    reference3: null,
    salesTrackingCodes: [],
    id: 12000750,
    uri: `${BASE}/v1/customers/12000750`,
  },
  monthlyRecurringRevenue: 250,
  netMonthlyRecurringRevenue: 220,
  portalUserName: "Katelyn1974",
  parentId: 12000749,
  geotabId: "7813",
  modifiedTimestamp: "2019-11-07T15:51:11.1910000Z",
  createdTimestamp: "2018-01-01T03:33:33.0200000Z",
});

export const draftCustomer = customer(12717595, {
  firstName: "John",
  lastName: "Smith",
  companyName: "Acme Inc.",
  status: INITIAL_STATUS,
  canChangeCurrency: canChangeCurrency(INITIAL_STATUS),
});
