/**
 * How this deployment publishes OCDS: the ocid prefix, the publisher and the licence. Read from the
 * environment in this one place (CDK sets the variables from the stage configuration; `npm start` and
 * the tests use the defaults).
 */

/** An ocid prefix as the Open Contracting Partnership registers them: `ocds-` and six characters. */
const OCID_PREFIX = /^ocds-[a-z0-9]{6}$/;

export interface OcdsPublication {
  /** `ocid` = prefix + "-" + tender id. */
  ocidPrefix: string;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  license?: string;
  publicationPolicy?: string;
  /** The API's public base URL ("https://api.example.nl"); absent: taken from the request's host. */
  baseUrl?: string;
}

export const OCDS_DEFAULTS = {
  /** Not a registered prefix: a deployment that publishes sets its own (OCDS_OCID_PREFIX). */
  ocidPrefix: "ocds-impact",
  publisherName: "Impact Procurement",
  license: "https://creativecommons.org/licenses/by/4.0/",
} as const;

function url(name: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error();
  } catch {
    throw new Error(`${name} must be an http(s) URL, not "${value}".`);
  }
  return value;
}

/** The publication settings from `env` (default: the process environment); a malformed value throws. */
export function ocdsPublication(env: Record<string, string | undefined> = process.env): OcdsPublication {
  const ocidPrefix = env.OCDS_OCID_PREFIX || OCDS_DEFAULTS.ocidPrefix;
  if (!OCID_PREFIX.test(ocidPrefix))
    throw new Error(
      `OCDS_OCID_PREFIX must be "ocds-" and six lowercase letters or digits, not "${ocidPrefix}".`,
    );
  const publisherUri = url("OCDS_PUBLISHER_URI", env.OCDS_PUBLISHER_URI);
  const publicationPolicy = url("OCDS_PUBLICATION_POLICY", env.OCDS_PUBLICATION_POLICY);
  // Paths are appended to the base URL: without its trailing slash.
  const baseUrl = url("OCDS_PUBLIC_BASE_URL", env.OCDS_PUBLIC_BASE_URL)?.replace(/\/+$/, "");
  return {
    ocidPrefix,
    publisher: {
      name: env.OCDS_PUBLISHER_NAME || OCDS_DEFAULTS.publisherName,
      ...(env.OCDS_PUBLISHER_SCHEME && env.OCDS_PUBLISHER_UID
        ? { scheme: env.OCDS_PUBLISHER_SCHEME, uid: env.OCDS_PUBLISHER_UID }
        : {}),
      ...(publisherUri ? { uri: publisherUri } : {}),
    },
    license: url("OCDS_LICENSE", env.OCDS_LICENSE) ?? OCDS_DEFAULTS.license,
    ...(publicationPolicy ? { publicationPolicy } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  };
}

export const ocidOf = (publication: Pick<OcdsPublication, "ocidPrefix">, tenderId: string) =>
  `${publication.ocidPrefix}-${tenderId}`;

/**
 * The base URL the package's links start with: the configured one, else the host the request came to
 * (plain http only for this machine, as `npm start` serves).
 */
export function baseUrlFor(publication: OcdsPublication, host: string | undefined): string {
  if (publication.baseUrl) return publication.baseUrl;
  const name = host && /^[A-Za-z0-9.-]+(:\d+)?$/.test(host) ? host : "localhost";
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(name);
  return `${local ? "http" : "https"}://${name}`;
}
