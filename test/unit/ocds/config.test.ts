import { describe, expect, it } from "vitest";
import { baseUrlFor, ocdsPublication, ocidOf } from "../../../lib/ocds/config.js";

describe("OCDS publication settings", () => {
  it("defaults: an unregistered prefix, the service as publisher, CC BY 4.0", () => {
    const publication = ocdsPublication({});
    expect(publication).toEqual({
      ocidPrefix: "ocds-impact",
      publisher: { name: "Impact Procurement" },
      license: "https://creativecommons.org/licenses/by/4.0/",
    });
    expect(ocidOf(publication, "abc")).toBe("ocds-impact-abc");
  });

  it("takes every setting from the environment", () => {
    expect(
      ocdsPublication({
        OCDS_OCID_PREFIX: "ocds-a1b2c3",
        OCDS_PUBLISHER_NAME: "Regio Oost-Nederland",
        OCDS_PUBLISHER_SCHEME: "NL-KVK",
        OCDS_PUBLISHER_UID: "12345678",
        OCDS_PUBLISHER_URI: "https://www.example.nl",
        OCDS_LICENSE: "https://opendatacommons.org/licenses/pddl/1-0/",
        OCDS_PUBLICATION_POLICY: "https://www.example.nl/ocds-policy",
        OCDS_PUBLIC_BASE_URL: "https://api.example.nl/",
      }),
    ).toEqual({
      ocidPrefix: "ocds-a1b2c3",
      publisher: {
        name: "Regio Oost-Nederland",
        scheme: "NL-KVK",
        uid: "12345678",
        uri: "https://www.example.nl",
      },
      license: "https://opendatacommons.org/licenses/pddl/1-0/",
      publicationPolicy: "https://www.example.nl/ocds-policy",
      baseUrl: "https://api.example.nl",
    });
  });

  it("refuses a malformed prefix or URL, naming the variable", () => {
    expect(() => ocdsPublication({ OCDS_OCID_PREFIX: "ocds-toolong1" })).toThrow(/OCDS_OCID_PREFIX/);
    expect(() => ocdsPublication({ OCDS_OCID_PREFIX: "abc-123456" })).toThrow(/OCDS_OCID_PREFIX/);
    expect(() => ocdsPublication({ OCDS_LICENSE: "CC-BY" })).toThrow(/OCDS_LICENSE/);
    expect(() => ocdsPublication({ OCDS_PUBLIC_BASE_URL: "ftp://x.nl" })).toThrow(/OCDS_PUBLIC_BASE_URL/);
  });

  it("links start at the configured base URL, else at the request's host (http only for this machine)", () => {
    const configured = ocdsPublication({ OCDS_PUBLIC_BASE_URL: "https://api.example.nl" });
    expect(baseUrlFor(configured, "evil.example")).toBe("https://api.example.nl");
    const plain = ocdsPublication({});
    expect(baseUrlFor(plain, "abc.execute-api.eu-west-1.amazonaws.com")).toBe(
      "https://abc.execute-api.eu-west-1.amazonaws.com",
    );
    expect(baseUrlFor(plain, "127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(baseUrlFor(plain, "x/<script>")).toBe("http://localhost");
    expect(baseUrlFor(plain, undefined)).toBe("http://localhost");
  });
});
