import { randomUUID } from 'node:crypto';
import { defineProcessor, prop, TestRunner } from '@sluice/engine';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import {
  Kafka3ConnectionService,
  KafkaConnectionServiceApi,
  type KafkaConnectionService,
} from '../../src/services/kafka-connection-service.js';

/** A topic or group name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** A plain kafkajs client for a test's own producing and checking, with its log silenced. */
export function plainKafka(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'sluice-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** Creates a topic with `partitions` partitions and waits for its leaders. */
export async function createTopic(bootstrap: string, topic: string, partitions = 1): Promise<void> {
  const admin = plainKafka(bootstrap).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** Sends messages with a plain kafkajs producer (acks from all replicas). */
export async function produce(
  bootstrap: string,
  topic: string,
  messages: Message[],
): Promise<void> {
  const producer = plainKafka(bootstrap).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/** A message as read back from a topic. */
export interface ReadMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `count` messages arrived,
 * then goes on briefly (`settleMs`) so that extra, unexpected messages show up too.
 */
export async function readTopic(
  bootstrap: string,
  topic: string,
  count: number,
  settleMs = 1_000,
): Promise<ReadMessage[]> {
  const consumer = plainKafka(bootstrap).consumer({
    groupId: uniqueName('reader'),
    maxWaitTimeInMs: 200,
  });
  const read: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          headers[name] = String(value);
        }
        read.push({
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers,
        });
      },
    });
    await waitUntil(() => read.length >= count, `${count} messages in topic ${topic}`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/** Polls `condition` until it holds; fails after `timeoutMs` (a safety net, not a speed check). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a capture processor hands a test: an enabled Kafka connection service and its engine. */
export interface EnabledKafkaService {
  readonly service: KafkaConnectionService;
  readonly runner: TestRunner;
}

let captured: KafkaConnectionService | undefined;
const CaptureKafkaService = defineProcessor({
  type: 'CaptureKafkaService',
  description: 'Hands a test the Kafka connection service it refers to',
  tags: [],
  properties: {
    kafka: prop.service({ name: 'Kafka', required: true, api: KafkaConnectionServiceApi }),
  },
  relationships: {},
  inputRequirement: 'forbidden',
  async onTrigger(ctx) {
    captured = ctx.requiredProperty('kafka');
  },
});

/** A Kafka3ConnectionService (for `TestRunner.create`'s `services`) for the broker at `bootstrap`. */
export function kafkaService(bootstrap: string): {
  definition: typeof Kafka3ConnectionService;
  properties: Record<string, string>;
} {
  return { definition: Kafka3ConnectionService, properties: { bootstrapServers: bootstrap } };
}

/**
 * Enables a Kafka3ConnectionService through the real engine (as a flow would) and returns the
 * instance a processor gets. Close the runner when done: that disables the service.
 */
export async function enableKafkaService(
  properties: Readonly<Record<string, string>>,
): Promise<EnabledKafkaService> {
  const runner = await TestRunner.create(CaptureKafkaService, {
    properties: { kafka: 'kafka' },
    services: { kafka: { definition: Kafka3ConnectionService, properties } },
  });
  await runner.run();
  const service = captured!;
  captured = undefined;
  return { service, runner };
}
