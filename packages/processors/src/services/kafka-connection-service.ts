import { X509Certificate } from 'node:crypto';
import { createSecureContext, type ConnectionOptions } from 'node:tls';
import { defineControllerService, prop, serviceApi, type ValidationIssue } from '@sluice/engine';
import type { Admin, Consumer, Producer } from 'kafkajs';
import {
  bootstrapServerProblem,
  kafkaClientConfig,
  parseBootstrapServers,
  SASL_MECHANISMS,
  SECURITY_PROTOCOLS,
  type KafkaConnectionSettings,
} from './kafka-client-config.js';
import {
  KafkaClients,
  type KafkaConsumerOptions,
  type KafkaProducerOptions,
} from './kafka-clients.js';

export type { KafkaConsumerOptions, KafkaProducerOptions } from './kafka-clients.js';

/**
 * What the Kafka processors get from a Kafka connection service (NiFi's KafkaConnectionService):
 * kafkajs clients for one cluster. Producers and the admin client are shared and connect on first
 * use; consumers belong to the processor that asked for one.
 */
export interface KafkaConnectionService {
  /** The `host:port` entries of Bootstrap Servers. */
  readonly bootstrapServers: readonly string[];
  /** Acknowledgment Wait Time in ms: how long a send waits for the brokers' acknowledgment. */
  readonly ackWaitMs: number;
  /** `kafka://<bootstrap servers>/<topic>`, the transit URI of provenance events. */
  transitUri(topic: string): string;
  /** The connected producer for these options, shared; rejects when no broker can be reached. */
  producer(options?: KafkaProducerOptions): Promise<Producer>;
  /** A new, unconnected consumer in `groupId`; the caller connects and disconnects it. */
  consumer(groupId: string, options?: KafkaConsumerOptions): Consumer;
  /** The connected admin client, shared. */
  admin(): Promise<Admin>;
}

/** The service API the Kafka processors refer to. */
export const KafkaConnectionServiceApi =
  serviceApi<KafkaConnectionService>('KafkaConnectionService');

const clientsOf = new WeakMap<KafkaConnectionService, KafkaClients>();

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_PRIVATE_KEY =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/;

/**
 * Parses the configured certificates and key, and checks that the key fits the certificate.
 * Node's TLS silently skips a trusted certificate it cannot read, so each is parsed here.
 */
function checkTlsMaterial(options: ConnectionOptions): void {
  try {
    const authorities = (Array.isArray(options.ca) ? options.ca : [options.ca]).filter(
      (ca): ca is string => typeof ca === 'string',
    );
    for (const pem of authorities.flatMap(
      (ca) => ca.match(new RegExp(PEM_CERTIFICATE, 'g')) ?? [],
    )) {
      new X509Certificate(pem);
    }
    createSecureContext(options);
  } catch (error) {
    throw new Error(
      `The SSL certificates or key cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

const properties = {
  bootstrapServers: prop.string({
    name: 'Bootstrap Servers',
    description:
      'Comma-separated list of Kafka Bootstrap Servers in the format host:port. Corresponds to Kafka bootstrap.servers property',
    required: true,
    validate: (value) => {
      const entries = parseBootstrapServers(value);
      if (entries.length === 0) return 'lists no host:port';
      for (const entry of entries) {
        const problem = bootstrapServerProblem(entry);
        if (problem) return problem;
      }
      return undefined;
    },
  }),
  clientId: prop.string({
    name: 'Client ID',
    description:
      "The client.id the brokers see in their logs and quotas. Corresponds to Kafka's client.id property",
    default: 'sluice',
  }),
  securityProtocol: prop.choice({
    name: 'Security Protocol',
    description:
      'Security protocol used to communicate with brokers. Corresponds to Kafka Client security.protocol property',
    values: SECURITY_PROTOCOLS,
    default: 'PLAINTEXT',
  }),
  saslMechanism: prop.choice({
    name: 'SASL Mechanism',
    description:
      'SASL mechanism used for authentication with SASL_PLAINTEXT and SASL_SSL. Corresponds to Kafka Client sasl.mechanism property. GSSAPI (Kerberos) is not offered: the kafkajs client has no implementation of it.',
    values: SASL_MECHANISMS,
    default: 'PLAIN',
  }),
  saslUsername: prop.string({
    name: 'SASL Username',
    description:
      'Username provided with configured password when using PLAIN or SCRAM SASL Mechanisms',
  }),
  saslPassword: prop.string({
    name: 'SASL Password',
    description:
      'Password provided with configured username when using PLAIN or SCRAM SASL Mechanisms',
    sensitive: true,
  }),
  sslTrustedCertificates: prop.text({
    name: 'SSL Trusted Certificates',
    description:
      "PEM certificates of the authorities the brokers' certificates must chain to, for SSL and SASL_SSL. Empty: the system's trusted authorities. (NiFi takes these from an SSL Context Service.)",
    validate: (value) =>
      value.trim() === '' || PEM_CERTIFICATE.test(value)
        ? undefined
        : 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
  }),
  sslClientCertificate: prop.text({
    name: 'SSL Client Certificate',
    description:
      'PEM certificate this client presents, for brokers that require client authentication (ssl.client.auth=required); set together with SSL Client Key',
    validate: (value) =>
      value.trim() === '' || PEM_CERTIFICATE.test(value)
        ? undefined
        : 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
  }),
  sslClientKey: prop.text({
    name: 'SSL Client Key',
    description: 'PEM private key of the SSL Client Certificate (unencrypted)',
    sensitive: true,
    validate: (value) =>
      value.trim() === '' || PEM_PRIVATE_KEY.test(value)
        ? undefined
        : 'holds no PEM private key (-----BEGIN PRIVATE KEY-----)',
  }),
  maxMetadataWaitTime: prop.duration({
    name: 'Max Metadata Wait Time',
    description:
      "How long a request keeps retrying while no broker answers or the topic is unknown, before it fails (Kafka's max.block.ms). kafkajs retries with pauses doubling from 300 ms: as many retries as fit in this time. Also how long a connection may take to open.",
    default: '5 sec',
  }),
  ackWaitTime: prop.duration({
    name: 'Acknowledgment Wait Time',
    description:
      'After sending a message to Kafka, this indicates the amount of time that the service will wait for a response from Kafka. If Kafka does not acknowledge the message within this time period, the send fails.',
    default: '5 sec',
  }),
} as const;

/**
 * Kafka3ConnectionService: the connection to one Kafka cluster (brokers, security) that
 * PublishKafka and ConsumeKafka share. Enabling connects nothing; clients connect on first use
 * and disabling disconnects them all.
 */
export const Kafka3ConnectionService = defineControllerService({
  type: 'Kafka3ConnectionService',
  description:
    'Provides and manages connections to Kafka Brokers for producer or consumer operations. Connections are opened on first use, so the service can be enabled while the brokers are down. Supports PLAINTEXT, SSL (PEM certificates), SASL_PLAINTEXT and SASL_SSL with PLAIN or SCRAM.',
  tags: ['kafka', 'connection', 'broker', 'client'],
  properties,
  provides: KafkaConnectionServiceApi,
  validate(ctx) {
    const issues: ValidationIssue[] = [];
    const set = (key: keyof typeof properties): boolean => (ctx.raw(key) ?? '').trim() !== '';
    const protocol = ctx.raw('securityProtocol') ?? 'PLAINTEXT';
    if (protocol.startsWith('SASL_')) {
      for (const key of ['saslUsername', 'saslPassword'] as const) {
        if (!set(key)) {
          issues.push({
            property: key,
            message: `'${properties[key].name}' is required with Security Protocol ${protocol}`,
          });
        }
      }
    }
    if (set('sslClientCertificate') !== set('sslClientKey')) {
      issues.push({
        property: set('sslClientKey') ? 'sslClientCertificate' : 'sslClientKey',
        message: "'SSL Client Certificate' and 'SSL Client Key' must be set together",
      });
    }
    return issues;
  },
  enable(ctx) {
    const text = (key: 'sslTrustedCertificates' | 'sslClientCertificate' | 'sslClientKey') =>
      ctx.property(key)?.trim() || undefined;
    const settings: KafkaConnectionSettings = {
      bootstrapServers: parseBootstrapServers(ctx.requiredProperty('bootstrapServers')),
      clientId: ctx.property('clientId')?.trim() || 'sluice',
      securityProtocol: ctx.property('securityProtocol') ?? 'PLAINTEXT',
      saslMechanism: ctx.property('saslMechanism') ?? 'PLAIN',
      saslUsername: ctx.property('saslUsername') || undefined,
      saslPassword: ctx.property('saslPassword') || undefined,
      tls: {
        trustedCertificates: text('sslTrustedCertificates'),
        clientCertificate: text('sslClientCertificate'),
        clientKey: text('sslClientKey'),
      },
      metadataWaitMs: ctx.property('maxMetadataWaitTime') ?? 5_000,
    };
    const config = kafkaClientConfig(settings);
    // Unreadable PEM or a key that does not fit its certificate fails here, not at each connect.
    if (typeof config.ssl === 'object') checkTlsMaterial(config.ssl);
    const clients = new KafkaClients(config, ctx.log);
    const bootstrapServers = [...settings.bootstrapServers];
    const service: KafkaConnectionService = {
      bootstrapServers,
      ackWaitMs: ctx.property('ackWaitTime') ?? 5_000,
      transitUri: (topic) => `kafka://${bootstrapServers.join(',')}/${topic}`,
      producer: (options) => clients.producer(options),
      consumer: (groupId, options) => clients.consumer(groupId, options),
      admin: () => clients.admin(),
    };
    clientsOf.set(service, clients);
    return service;
  },
  async disable(service) {
    await clientsOf.get(service)?.close();
  },
});
