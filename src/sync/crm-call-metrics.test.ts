import assert from "node:assert/strict";
import { test } from "node:test";
import { crmOf } from "./crm-call-metrics.ts";

test("a request belongs to a CRM by its sandbox path or the vendor's domain", () => {
  const cases: [string, string | undefined][] = [
    ["http://127.0.0.1:8080/sandbox/hubspot/crm/v3/objects/contacts/101", "hubspot"],
    ["http://127.0.0.1:8080/sandbox/SalesForce/services/oauth2/token", "salesforce"],
    ["http://127.0.0.1:8080/sandbox/netsuite", "netsuite"],
    ["https://api.hubapi.com/crm/v3/objects/contacts/batch/update", "hubspot"],
    ["https://acme.my.salesforce.com/services/data/v61.0/composite/sobjects", "salesforce"],
    ["https://acme--sandbox.sandbox.my.force.com/services/oauth2/token", "salesforce"],
    ["https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1", "netsuite"],
    // the sandboxes' test controls are not CRM calls
    ["http://127.0.0.1:8080/sandbox/hubspot/_faults", undefined],
    ["http://127.0.0.1:8080/sandbox/salesforce/_stats/reset", undefined],
    // look-alikes and everything else
    ["https://hubapi.com.evil.example/crm", undefined],
    ["https://notsalesforce.com/x", undefined],
    ["http://127.0.0.1:8080/v1/customers", undefined],
  ];
  for (const [url, crm] of cases) assert.equal(crmOf(new URL(url)), crm, url);
});
