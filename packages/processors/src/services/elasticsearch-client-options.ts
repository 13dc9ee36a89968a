import type { ClientOptions } from '@elastic/elasticsearch';

/** How the client authenticates, as NiFi's AuthorizationScheme values (PKI and JWT are not supported). */
export type ElasticsearchAuthorizationScheme = 'NONE' | 'BASIC' | 'API_KEY';

/** The client settings of an ElasticSearchClientServiceImpl, typed and converted. */
export interface ElasticsearchClientConfig {
  /** The HTTP Hosts property as written: comma-separated URLs. */
  readonly httpHosts: string;
  readonly authorizationScheme: ElasticsearchAuthorizationScheme;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly apiKeyId?: string | undefined;
  readonly apiKey?: string | undefined;
  /** PEM certificates of the authorities to trust besides the system's. */
  readonly caCertificate?: string | undefined;
  readonly verifyCertificates: boolean;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly maxRetries: number;
  /** Connections to each host at most; the client's own default (256) when undefined. */
  readonly maxConnections?: number | undefined;
}

/** The HTTP Hosts as URLs, or the first problem with them. */
export type ParsedHosts =
  | { readonly ok: true; readonly hosts: readonly URL[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Parses the comma-separated HTTP Hosts. Each must be an http or https URL; credentials inside
 * a URL are refused, because a URL is shown in bulletins and provenance while Username and
 * Password are masked.
 */
export function parseHttpHosts(text: string): ParsedHosts {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { ok: false, problem: 'names no host' };
  const hosts: URL[] = [];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return {
        ok: false,
        problem: `'${entry}' is not a URL (expected e.g. http://127.0.0.1:9200)`,
      };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, problem: `'${entry}' is not an http or https URL` };
    }
    if (url.username !== '' || url.password !== '') {
      return {
        ok: false,
        problem: `'${displayUrl(url)}' holds credentials; set them in Username and Password (or API Key) instead, where they are kept secret`,
      };
    }
    if (url.search !== '' || url.hash !== '') {
      return { ok: false, problem: `'${entry}' has a query or fragment; give only the base URL` };
    }
    hosts.push(url);
  }
  return { ok: true, hosts };
}

/** A URL as shown to people: without credentials or a trailing slash. */
export function displayUrl(url: URL): string {
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * The `@elastic/elasticsearch` client options for a configuration. Pure: building the client
 * from them contacts no server (the client connects on its first request).
 */
export function clientOptionsOf(config: ElasticsearchClientConfig): ClientOptions {
  const parsed = parseHttpHosts(config.httpHosts);
  if (!parsed.ok) throw new Error(`HTTP Hosts ${parsed.problem}`);
  const options: ClientOptions = {
    nodes: parsed.hosts.map(displayUrl),
    requestTimeout: config.readTimeoutMs,
    maxRetries: config.maxRetries,
    // Passed on to undici's connector, whose `timeout` bounds the TCP (and TLS) connect, for
    // http hosts too; Node's own TLS options apply only to https hosts.
    tls: {
      timeout: config.connectTimeoutMs,
      rejectUnauthorized: config.verifyCertificates,
      ...(config.caCertificate?.trim() ? { ca: config.caCertificate } : {}),
    },
    // A stale node list would hide an outage behind "no living connections"; NiFi does not sniff by default either.
    sniffOnStart: false,
    sniffOnConnectionFault: false,
    // undici's pool per host: requests beyond its connections wait for a free one.
    ...(config.maxConnections !== undefined && { agent: { connections: config.maxConnections } }),
  };
  const scheme = config.authorizationScheme;
  switch (scheme) {
    case 'NONE':
      return options;
    case 'BASIC':
      return {
        ...options,
        auth: {
          username: required(config.username, 'Username', scheme),
          password: required(config.password, 'Password', scheme),
        },
      };
    case 'API_KEY':
      return {
        ...options,
        auth: {
          apiKey: {
            id: required(config.apiKeyId, 'API Key ID', scheme),
            api_key: required(config.apiKey, 'API Key', scheme),
          },
        },
      };
    default: {
      const exhaustive: never = scheme;
      throw new Error(`Unknown Authorization Scheme ${String(exhaustive)}`);
    }
  }
}

/** The problems of an authorization configuration: what is missing for the chosen scheme. */
export function authorizationProblems(
  scheme: ElasticsearchAuthorizationScheme,
  present: (property: 'username' | 'password' | 'apiKeyId' | 'apiKey') => boolean,
): { property: 'username' | 'password' | 'apiKeyId' | 'apiKey'; message: string }[] {
  const needs: Record<
    ElasticsearchAuthorizationScheme,
    readonly ['username' | 'password' | 'apiKeyId' | 'apiKey', string][]
  > = {
    NONE: [],
    BASIC: [
      ['username', 'Username'],
      ['password', 'Password'],
    ],
    API_KEY: [
      ['apiKeyId', 'API Key ID'],
      ['apiKey', 'API Key'],
    ],
  };
  return needs[scheme]
    .filter(([property]) => !present(property))
    .map(([property, name]) => ({
      property,
      message: `'${name}' is required when the Authorization Scheme is ${SCHEME_NAMES[scheme]}`,
    }));
}

/** NiFi's display names of the authorization schemes. */
export const SCHEME_NAMES: Readonly<Record<ElasticsearchAuthorizationScheme, string>> = {
  NONE: 'None',
  BASIC: 'Basic',
  API_KEY: 'API Key',
};

function required(
  value: string | undefined,
  name: string,
  scheme: ElasticsearchAuthorizationScheme,
): string {
  if (value === undefined || value === '') {
    throw new Error(
      `'${name}' is required when the Authorization Scheme is ${SCHEME_NAMES[scheme]}`,
    );
  }
  return value;
}
