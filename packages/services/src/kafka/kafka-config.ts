/** The ports and directories of a single-node KRaft broker. */
export interface KafkaLayout {
  brokerPort: number;
  controllerPort: number;
  logDir: string;
  /** `auto.create.topics.enable`; default true. Off, a send to a missing topic fails. */
  autoCreateTopics?: boolean;
  /** Listeners that authenticate clients, beside the open PLAINTEXT one. */
  security?: KafkaSecurityLayout;
}

/**
 * A SASL_PLAINTEXT and a SASL_SSL listener, each taking PLAIN and SCRAM-SHA-256 for `users`
 * (SCRAM credentials are written at format time: `kafka-storage format --add-scram`), the
 * SSL one with a PEM key store: one file with the unencrypted key and the certificate.
 */
export interface KafkaSecurityLayout {
  saslPlaintextPort: number;
  saslSslPort: number;
  /** User name to password. */
  users: Readonly<Record<string, string>>;
  /** The PEM file: private key (unencrypted PKCS#8), then certificate. */
  keystorePem: string;
}

/** The SASL mechanisms a secured broker offers. */
export const KAFKA_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256'] as const;

/** Names and passwords go into JAAS text inside a .properties file: plain characters only. */
const PLAIN_CREDENTIAL = /^[A-Za-z0-9._-]+$/;

function jaasQuoted(value: string): string {
  if (!PLAIN_CREDENTIAL.test(value)) {
    throw new Error(`Kafka test credentials must be letters, digits, '.', '_' or '-' only`);
  }
  return `"${value}"`;
}

/** The properties of the SASL listeners; none without {@link KafkaSecurityLayout}. */
function securityEntries(security: KafkaSecurityLayout | undefined): [string, string | number][] {
  if (!security) return [];
  const plainUsers = Object.entries(security.users)
    .map(([name, password]) => `user_${jaasQuoted(name).slice(1, -1)}=${jaasQuoted(password)}`)
    .join(' ');
  const entries: [string, string | number][] = [
    ['sasl.enabled.mechanisms', KAFKA_SASL_MECHANISMS.join(',')],
    // An unencrypted PEM key: Kafka then wants no key or store password.
    ['ssl.keystore.type', 'PEM'],
    ['ssl.keystore.location', security.keystorePem],
  ];
  for (const listener of ['sasl_plaintext', 'sasl_ssl']) {
    entries.push(
      [
        `listener.name.${listener}.plain.sasl.jaas.config`,
        `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
      ],
      [
        `listener.name.${listener}.scram-sha-256.sasl.jaas.config`,
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      ],
    );
  }
  return entries;
}

/**
 * server.properties for one node acting as broker and controller, on 127.0.0.1 only.
 * Every internal topic gets replication factor 1: with the defaults (3) a single node never
 * creates `__consumer_offsets`, and kafkajs consumers loop on "The group coordinator is not
 * available" (kafkajs issue #1752).
 */
export function kafkaServerProperties(layout: KafkaLayout): string {
  const { security } = layout;
  const secured = security
    ? [
        `SASL_PLAINTEXT://127.0.0.1:${security.saslPlaintextPort}`,
        `SASL_SSL://127.0.0.1:${security.saslSslPort}`,
      ]
    : [];
  const advertised = [`PLAINTEXT://127.0.0.1:${layout.brokerPort}`, ...secured];
  const protocols = ['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT'];
  if (security) protocols.push('SASL_PLAINTEXT:SASL_PLAINTEXT', 'SASL_SSL:SASL_SSL');
  const entries: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@127.0.0.1:${layout.controllerPort}`],
    ['listeners', [...advertised, `CONTROLLER://127.0.0.1:${layout.controllerPort}`].join(',')],
    ['advertised.listeners', advertised.join(',')],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', protocols.join(',')],
    ...securityEntries(security),
    ['log.dirs', layout.logDir],
    ['num.partitions', 1],
    ['auto.create.topics.enable', String(layout.autoCreateTopics ?? true)],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],
    // Tests join groups one consumer at a time: no reason to wait for more members.
    ['group.initial.rebalance.delay.ms', 0],
  ];
  return entries.map(([key, value]) => `${key}=${value}`).join('\n') + '\n';
}

/** log4j2 configuration: warnings and the start/stop lines to stdout (the harness's log file). */
export function kafkaLog4j2Properties(): string {
  return [
    'status = warn',
    'appender.out.type = Console',
    'appender.out.name = OUT',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = WARN',
    'rootLogger.appenderRef.out.ref = OUT',
    // `Kafka Server started` and the shutdown lines come from kafka.server.KafkaRaftServer.
    'logger.raftServer.name = kafka.server.KafkaRaftServer',
    'logger.raftServer.level = INFO',
    '',
  ].join('\n');
}

/**
 * A new cluster id as `kafka-storage.sh random-uuid` prints it: 16 random bytes, base64url
 * without padding. Made here because a JVM start just for that costs ~5 s on a busy machine.
 */
export function randomClusterId(random: () => Buffer): string {
  for (;;) {
    const id = random().toString('base64url');
    // Kafka's Uuid.randomUuid() also never hands out ids that look like command-line flags.
    if (!id.startsWith('-')) return id;
  }
}
