import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { oauth1Header, parseOAuth1Header, percentEncode, signatureBaseString } from "./oauth1-signature.ts";

// The worked example of Twitter's "Creating a signature" guide (HMAC-SHA1), a widely used OAuth 1.0a test vector.
const credentials = {
  realm: "",
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const example = {
  url: "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
  nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
  timestamp: 1318622958,
  bodyParams: [["status", "Hello Ladies + Gentlemen, a signed OAuth request!"]] as [string, string][],
};

describe("OAuth 1.0a signing", () => {
  test("percent-encoding follows RFC 3986, including the characters encodeURIComponent leaves alone", () => {
    assert.equal(
      percentEncode("Ladies + Gentlemen, a signed OAuth request!"),
      "Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
    );
    assert.equal(percentEncode("*'()~-._"), "%2A%27%28%29~-._");
  });

  test("the published HMAC-SHA1 example yields the published signature", () => {
    const header = oauth1Header("POST", example.url, credentials, {
      signatureMethod: "HMAC-SHA1",
      nonce: example.nonce,
      timestamp: example.timestamp,
      bodyParams: example.bodyParams,
    });
    assert.equal(parseOAuth1Header(header)?.oauth_signature, "hCtSmYh+iHYCEqBWrE7C7hYmtUk=", header);
  });

  test("HMAC-SHA256 signs the same base string with the consumer and token secrets", () => {
    const header = oauth1Header(
      "GET",
      "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1744203?fields=id",
      {
        ...credentials,
        realm: "1234567_SB1",
      },
      { nonce: "n", timestamp: 1 },
    );
    const params = parseOAuth1Header(header);
    assert.ok(params, header);
    assert.equal(params.realm, "1234567_SB1", header);
    assert.equal(params.oauth_signature_method, "HMAC-SHA256", header);
    const base = signatureBaseString(
      "GET",
      "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1744203",
      [
        ["fields", "id"],
        ["oauth_consumer_key", credentials.consumerKey],
        ["oauth_nonce", "n"],
        ["oauth_signature_method", "HMAC-SHA256"],
        ["oauth_timestamp", "1"],
        ["oauth_token", credentials.token],
        ["oauth_version", "1.0"],
      ],
    );
    const expected = createHmac("sha256", `${credentials.consumerSecret}&${credentials.tokenSecret}`)
      .update(base)
      .digest("base64");
    assert.equal(params.oauth_signature, expected, header);
  });

  test('a header that is not OAuth, or not made of name="value" pairs, does not parse', () => {
    assert.equal(parseOAuth1Header("Bearer abc"), undefined);
    assert.equal(parseOAuth1Header('OAuth realm="1", junk'), undefined);
    assert.equal(parseOAuth1Header(undefined), undefined);
  });
});
