import { CUSTOMER_STATUSES, type CustomerStatus } from "./status/status-rules.ts";

/** Value sets of the customer object, from the spec pages and Fusebill's references (notes §1.1, §1.3). */
export const TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr"] as const;
/** The statuses are declared with their rules, in status/status-rules.ts. */
export const STATUSES = CUSTOMER_STATUSES;
export const ACCOUNT_STATUSES = ["Good", "PoorStanding", "Collection"] as const;
export const QUICKBOOKS_LATCH_TYPES = ["CreateNew", "LatchExisting", "DoNothing"] as const;
export const CANCELLATION_OPTIONS = ["None", "Unearned", "Full"] as const;
export const SERVICE_START_OPTIONS = [
  "ChargeForAllMissedPeriods",
  "ChargeForLastMissedPeriods",
  "NoChargesForMissedPeriods",
  "ChargeForCurrentFullPeriod",
] as const;
/** The 24 currencies a Fusebill account can enable (support article "Configuring Currencies"). */
export const CURRENCIES = [
  "AUD",
  "BRL",
  "GBP",
  "CAD",
  "COP",
  "DKK",
  "EUR",
  "HKD",
  "INR",
  "ILS",
  "JPY",
  "MYR",
  "MXN",
  "NZD",
  "NOK",
  "CNY",
  "RUB",
  "SGD",
  "ZAR",
  "KRW",
  "SEK",
  "CHF",
  "TRY",
  "USD",
] as const;
export const MAX_SALES_TRACKING_CODES = 5;

export type Status = CustomerStatus;
export type Title = (typeof TITLES)[number];
