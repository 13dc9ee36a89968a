import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** How the client talks to the brokers, as Kafka's `security.protocol`. */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

/** SASL mechanisms kafkajs implements among NiFi's (GSSAPI/Kerberos is not one of them). */
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** Every security protocol, in NiFi's order. */
export const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = [
  'PLAINTEXT',
  'SSL',
  'SASL_PLAINTEXT',
  'SASL_SSL',
];

/** Every SASL mechanism offered. */
export const SASL_MECHANISMS: readonly SaslMechanism[] = [
  'PLAIN',
  'SCRAM-SHA-256',
  'SCRAM-SHA-512',
];

/** The TLS material of an SSL connection, as PEM text. */
export interface TlsSettings {
  /** CA certificates the brokers' certificates must chain to; the system's CAs when absent. */
  readonly trustedCertificates?: string;
  /** Client certificate and key, for brokers that require client authentication (mutual TLS). */
  readonly clientCertificate?: string;
  readonly clientKey?: string;
}

/** The connection settings of a Kafka connection service, already parsed from its properties. */
export interface KafkaConnectionSettings {
  readonly bootstrapServers: readonly string[];
  readonly clientId: string;
  readonly securityProtocol: SecurityProtocol;
  readonly saslMechanism: SaslMechanism;
  readonly saslUsername?: string;
  readonly saslPassword?: string;
  readonly tls: TlsSettings;
  /**
   * NiFi's Max Metadata Wait Time, in ms: how long a request keeps retrying (brokers unreachable,
   * topic unknown) before it fails, and how long a connection may take to open.
   */
  readonly metadataWaitMs: number;
}

/** kafkajs's first pause between retries; each later pause doubles (with some jitter). */
const INITIAL_RETRY_MS = 300;

/** How many kafkajs retries, with pauses doubling from 300 ms, fit in `budgetMs` (at least 1). */
export function retriesWithin(budgetMs: number): number {
  let retries = 0;
  let total = 0;
  for (let pause = INITIAL_RETRY_MS; total + pause <= budgetMs && retries < 10; pause *= 2) {
    total += pause;
    retries++;
  }
  return Math.max(1, retries);
}

/** Why a `host:port` bootstrap server entry is unusable, or undefined when it is fine. */
export function bootstrapServerProblem(entry: string): string | undefined {
  const match = /^(.+):(\d+)$/.exec(entry);
  if (!match) return `'${entry}' is not host:port`;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return `'${entry}' has port ${port}, outside 1-65535`;
  return undefined;
}

/** Splits NiFi's comma-separated Bootstrap Servers into trimmed, non-empty `host:port` entries. */
export function parseBootstrapServers(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function usesSsl(protocol: SecurityProtocol): boolean {
  switch (protocol) {
    case 'PLAINTEXT':
    case 'SASL_PLAINTEXT':
      return false;
    case 'SSL':
    case 'SASL_SSL':
      return true;
    default: {
      const _exhaustive: never = protocol;
      throw new Error(`Unknown security protocol ${String(_exhaustive)}`);
    }
  }
}

function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

function saslOptions(settings: KafkaConnectionSettings): SASLOptions {
  const { saslUsername: username, saslPassword: password } = settings;
  if (!username || !password) {
    throw new Error(
      `Security Protocol ${settings.securityProtocol} needs both a SASL Username and a SASL Password`,
    );
  }
  switch (settings.saslMechanism) {
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    default: {
      const _exhaustive: never = settings.saslMechanism;
      throw new Error(`Unknown SASL mechanism ${String(_exhaustive)}`);
    }
  }
}

function tlsOptions(tls: TlsSettings): KafkaConfig['ssl'] {
  const { trustedCertificates: ca, clientCertificate: cert, clientKey: key } = tls;
  if (!!cert !== !!key) {
    throw new Error('SSL Client Certificate and SSL Client Key must be set together');
  }
  // Nothing configured: TLS with Node's default trust store (e.g. a managed Kafka service).
  if (!ca && !cert) return true;
  return {
    rejectUnauthorized: true,
    ...(ca ? { ca: [ca] } : {}),
    ...(cert && key ? { cert, key } : {}),
  };
}

/**
 * Maps the service's settings to a kafkajs client configuration (without logging, which the
 * service adds). Pure, so the mapping of every security protocol is unit-tested without brokers
 * that speak it. Throws a readable error on an incomplete combination.
 */
export function kafkaClientConfig(settings: KafkaConnectionSettings): KafkaConfig {
  if (settings.bootstrapServers.length === 0) {
    throw new Error('Bootstrap Servers lists no host:port');
  }
  for (const entry of settings.bootstrapServers) {
    const problem = bootstrapServerProblem(entry);
    if (problem) throw new Error(`Bootstrap Servers: ${problem}`);
  }
  const config: KafkaConfig = {
    brokers: [...settings.bootstrapServers],
    clientId: settings.clientId,
    connectionTimeout: settings.metadataWaitMs,
    retry: {
      initialRetryTime: INITIAL_RETRY_MS,
      retries: retriesWithin(settings.metadataWaitMs),
    },
  };
  if (usesSsl(settings.securityProtocol)) config.ssl = tlsOptions(settings.tls);
  if (usesSasl(settings.securityProtocol)) config.sasl = saslOptions(settings);
  return config;
}
