import { Client } from '@elastic/elasticsearch';
import { defineControllerService, prop, serviceApi } from '@sluice/engine';
import {
  authorizationProblems,
  clientOptionsOf,
  displayUrl,
  parseHttpHosts,
  type ElasticsearchAuthorizationScheme,
} from './elasticsearch-client-options.js';
import {
  classifyRequestError,
  type ElasticsearchRequestProblem,
} from './elasticsearch-request-error.js';

/** The answer to a `_bulk` request: the parsed response body, or why there is none. */
export type BulkAnswer =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly problem: ElasticsearchRequestProblem };

/**
 * A shared Elasticsearch client, as NiFi's ElasticSearchClientService API: processors send
 * requests through it and name the cluster with its URLs, which never carry credentials.
 */
export interface ElasticSearchClientService {
  /** The `@elastic/elasticsearch` 8 client, for requests this API does not wrap (search, count). */
  readonly client: Client;
  /** The HTTP Hosts without credentials, for messages. */
  readonly hosts: readonly string[];
  /** The URL of an index, for provenance (NiFi's getTransitUrl). */
  transitUrl(index: string): string;
  /**
   * POSTs `/_bulk` with the given NDJSON lines (one action or document per line) and URL
   * parameters. Never throws for a failed request: the answer says what went wrong.
   */
  bulk(
    lines: readonly string[],
    parameters: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<BulkAnswer>;
}

/** The service API processors refer to (NiFi's `ElasticSearchClientService` interface). */
export const ElasticSearchClientServiceApi = serviceApi<ElasticSearchClientService>(
  'ElasticSearchClientService',
);

const SCHEMES = [
  'NONE',
  'BASIC',
  'API_KEY',
] as const satisfies readonly ElasticsearchAuthorizationScheme[];

const properties = {
  httpHosts: prop.string({
    name: 'HTTP Hosts',
    description:
      'A comma-separated list of HTTP hosts that host Elasticsearch query nodes. The HTTP Hosts should be valid URIs including protocol, domain and port for each entry. For example "https://elasticsearch1:9200, https://elasticsearch2:9200".',
    required: true,
    el: 'environment',
    validate: (value) => {
      const parsed = parseHttpHosts(value);
      return parsed.ok ? undefined : parsed.problem;
    },
  }),
  authorizationScheme: prop.choice({
    name: 'Authorization Scheme',
    description: 'Authorization Scheme used for optional authentication to Elasticsearch.',
    values: [
      { value: 'NONE', displayName: 'None', description: 'No authorization scheme.' },
      { value: 'BASIC', displayName: 'Basic', description: 'Basic authorization scheme.' },
      { value: 'API_KEY', displayName: 'API Key', description: 'API key authorization scheme.' },
    ],
    default: 'BASIC',
  }),
  username: prop.string({
    name: 'Username',
    description: 'The username to use with XPack security (Authorization Scheme Basic).',
    el: 'environment',
  }),
  password: prop.string({
    name: 'Password',
    description: 'The password to use with XPack security (Authorization Scheme Basic).',
    el: 'environment',
    sensitive: true,
  }),
  apiKeyId: prop.string({
    name: 'API Key ID',
    description: 'Unique identifier of the API key (Authorization Scheme API Key).',
  }),
  apiKey: prop.string({
    name: 'API Key',
    description: 'Encoded API key (Authorization Scheme API Key).',
    sensitive: true,
  }),
  caCertificate: prop.text({
    name: 'SSL CA Certificate',
    description:
      "PEM certificate(s) of the certificate authority that signed the https hosts' certificates, trusted in addition to the system's (Sluice's stand-in for NiFi's SSL Context Service).",
    validate: (value) =>
      value.includes('-----BEGIN CERTIFICATE-----')
        ? undefined
        : 'must hold PEM certificates (-----BEGIN CERTIFICATE----- ...)',
  }),
  verifyCertificates: prop.boolean({
    name: 'SSL Verify Certificates',
    description:
      "Whether to verify the https hosts' certificates and names. Turning it off trusts any server: only for testing.",
    default: 'true',
  }),
  connectTimeout: prop.integer({
    name: 'Connect timeout',
    description:
      'Controls the amount of time, in milliseconds, before a timeout occurs when trying to connect.',
    default: '5000',
    min: 1,
  }),
  readTimeout: prop.integer({
    name: 'Read Timeout',
    description:
      'Controls the amount of time, in milliseconds, before a timeout occurs when waiting for a response.',
    default: '60000',
    min: 1,
  }),
  maxRetries: prop.integer({
    name: 'Max Retries',
    description:
      "How often the client itself retries a request that got no answer or HTTP 502/503/504, before the processor sees the failure. 0 (the default) leaves retrying to the processor's retry relationship and the flow (a Sluice property; NiFi's client does not retry).",
    default: '0',
    min: 0,
  }),
  maxConnections: prop.integer({
    name: 'Max Connections',
    description:
      "The most connections the client keeps open to each host; a request beyond them waits for a free one. Empty: the client's own limit (256). With 1 and a processor running two concurrent tasks, one task's _bulk request is in flight while the other prepares the next, one request at a time (as the client's bulk helper with concurrency 1). A Sluice property.",
    min: 1,
    max: 1024,
  }),
} as const;

/**
 * ElasticSearchClientServiceImpl: one `@elastic/elasticsearch` 8 client shared by the processors
 * that refer to it. Enabling builds the client without contacting the cluster (it connects on
 * the first request), so the service enables while Elasticsearch is down; disabling closes its
 * connections.
 */
export const ElasticSearchClientServiceImpl = defineControllerService({
  type: 'ElasticSearchClientServiceImpl',
  description:
    'A controller service for accessing an Elasticsearch client, using the official Elasticsearch JavaScript client (8.x, for Elasticsearch 8).',
  tags: ['elasticsearch', 'elasticsearch8', 'client'],
  properties,
  provides: ElasticSearchClientServiceApi,
  validate(ctx) {
    if (ctx.hasExpression('authorizationScheme')) return [];
    const scheme = (ctx.raw('authorizationScheme') ?? 'BASIC') as ElasticsearchAuthorizationScheme;
    if (!(SCHEMES as readonly string[]).includes(scheme)) return [];
    return authorizationProblems(scheme, (key) => (ctx.raw(key) ?? '') !== '');
  },
  enable(ctx): ElasticSearchClientService {
    const httpHosts = ctx.requiredProperty('httpHosts');
    const options = clientOptionsOf({
      httpHosts,
      authorizationScheme: ctx.requiredProperty('authorizationScheme'),
      username: ctx.property('username'),
      password: ctx.property('password'),
      apiKeyId: ctx.property('apiKeyId'),
      apiKey: ctx.property('apiKey'),
      caCertificate: ctx.property('caCertificate'),
      verifyCertificates: ctx.property('verifyCertificates') ?? true,
      connectTimeoutMs: ctx.requiredProperty('connectTimeout'),
      readTimeoutMs: ctx.requiredProperty('readTimeout'),
      maxRetries: ctx.requiredProperty('maxRetries'),
      maxConnections: ctx.property('maxConnections'),
    });
    const parsed = parseHttpHosts(httpHosts);
    const hosts = parsed.ok ? parsed.hosts.map(displayUrl) : [];
    const cluster = hosts.join(', ');
    const client = new Client(options);
    return {
      client,
      hosts,
      transitUrl: (index) => `${hosts[0] ?? ''}/${encodeURIComponent(index)}`,
      async bulk(lines, parameters, signal) {
        try {
          const body: unknown = await client.transport.request(
            {
              method: 'POST',
              path: '/_bulk',
              bulkBody: [...lines],
              querystring: { ...parameters },
            },
            signal ? { signal } : {},
          );
          return { ok: true, body };
        } catch (error) {
          return { ok: false, problem: classifyRequestError(error, cluster) };
        }
      },
    };
  },
  async disable(service) {
    await service.client.close();
  },
});
