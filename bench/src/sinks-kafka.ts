/**
 * Sinks case kafka: PublishKafka against a plain kafkajs producer, each sending the same number of
 * 1 KiB messages to a fresh 3-partition topic with acks=all (no key, kafkajs's default
 * partitioner, no compression).
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { SINK_BATCH, type SinkMeasurement, type SinkRun } from './sinks-common.js';
import { generateBatch, runSluiceSink } from './sinks-engine.js';

const PARTITIONS = 3;

function bootstrapOf(run: SinkRun): string {
  const bootstrap = run.services.kafka?.bootstrap;
  if (!bootstrap) throw new Error('the sinks runner did not start Kafka');
  return bootstrap;
}

function kafkaOf(run: SinkRun, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: [bootstrapOf(run)], logLevel: logLevel.NOTHING });
}

/** Runs `work` with a connected admin client. */
async function withAdmin<T>(run: SinkRun, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkaOf(run, 'bench-admin').admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates the run's fresh topic, before any clock. */
async function createTopic(run: SinkRun, topic: string): Promise<void> {
  await withAdmin(run, (admin) =>
    admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      waitForLeaders: true,
    }),
  );
}

/** Messages in the topic (sum of the partitions' high watermarks); the topic is deleted after. */
async function countAndDrop(run: SinkRun, topic: string): Promise<number> {
  return withAdmin(run, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.deleteTopics({ topics: [topic] });
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  });
}

function verdict(expected: number, found: number): Pick<SinkMeasurement, 'verified' | 'check'> {
  return {
    verified: found === expected,
    check: `${found} of ${expected} messages in the topic`,
  };
}

/** PublishKafka fed by a pre-filled queue of 1 KiB Text flowfiles. */
export async function kafkaSluice(run: SinkRun): Promise<SinkMeasurement> {
  const { items, itemBytes } = run.sinkCase;
  const topic = `bench-sinks-sluice-${run.tag}`;
  await createTopic(run, topic);
  const batch = generateBatch(items);
  const outcome = await runSluiceSink(
    {
      source: {
        type: 'GenerateFlowFile',
        properties: {
          fileSize: `${itemBytes} B`,
          batchSize: String(batch),
          dataFormat: 'Text',
          uniqueFlowFiles: 'true',
        },
      },
      sink: {
        type: 'PublishKafka',
        properties: {
          kafkaConnectionService: 'service',
          topicName: topic,
          deliveryGuarantee: 'all',
        },
      },
      service: {
        type: 'Kafka3ConnectionService',
        properties: { bootstrapServers: bootstrapOf(run), clientId: 'bench-sluice' },
      },
      done: ['success'],
      failed: ['failure'],
    },
    items,
    { kind: 'generate', batch },
  );
  const found = await countAndDrop(run, topic);
  return {
    items: outcome.sink.inCount,
    bytes: outcome.sink.inBytes,
    elapsedMs: outcome.elapsedMs,
    ...verdict(items, found),
    notes: {
      failed: outcome.failed,
      left: outcome.left,
      swappedAtStart: outcome.swappedAtStart,
      tasks: outcome.sink.tasks,
      taskMillis: outcome.sink.taskMillis,
      batching:
        'PublishKafka: up to 500 flowfiles (1 MB) per session, their messages sharing producer.send calls of up to Max Request Size (1 MB)',
    },
  };
}

/** A kafkajs producer sending the same messages, `SINK_BATCH` per `send`, one send at a time. */
export async function kafkaRaw(run: SinkRun): Promise<SinkMeasurement> {
  const { items, itemBytes } = run.sinkCase;
  const topic = `bench-sinks-raw-${run.tag}`;
  await createTopic(run, topic);
  // Random bytes as Text-like content; made before the clock, as Sluice's queue is.
  const values = Array.from({ length: items }, () => randomBytes(itemBytes));
  const producer = kafkaOf(run, 'bench-raw').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const startedAt = performance.now();
  await producer.connect();
  for (let offset = 0; offset < items; offset += SINK_BATCH) {
    await producer.send({
      topic,
      acks: -1,
      messages: values.slice(offset, offset + SINK_BATCH).map((value) => ({ value })),
    });
  }
  const elapsedMs = performance.now() - startedAt;
  await producer.disconnect();
  const found = await countAndDrop(run, topic);
  return {
    items,
    bytes: items * itemBytes,
    elapsedMs,
    ...verdict(items, found),
    notes: {
      batching: `kafkajs producer.send of ${SINK_BATCH} messages, awaited one after another`,
    },
  };
}
