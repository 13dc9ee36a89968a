/** The ports and directories of a single-node KRaft broker. */
export interface KafkaLayout {
  brokerPort: number;
  controllerPort: number;
  logDir: string;
  /** `auto.create.topics.enable`; default true. Off, a send to a missing topic fails. */
  autoCreateTopics?: boolean;
}

/**
 * server.properties for one node acting as broker and controller, on 127.0.0.1 only.
 * Every internal topic gets replication factor 1: with the defaults (3) a single node never
 * creates `__consumer_offsets`, and kafkajs consumers loop on "The group coordinator is not
 * available" (kafkajs issue #1752).
 */
export function kafkaServerProperties(layout: KafkaLayout): string {
  const entries: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@127.0.0.1:${layout.controllerPort}`],
    [
      'listeners',
      `PLAINTEXT://127.0.0.1:${layout.brokerPort},CONTROLLER://127.0.0.1:${layout.controllerPort}`,
    ],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${layout.brokerPort}`],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
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
