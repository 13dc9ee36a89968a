import { rm } from 'node:fs/promises';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../process/service-process.js';
import { freePort } from '../process/free-port.js';
import { testWorkDir } from '../test-work-dir.js';
import { startKafka, type KafkaServer } from './kafka-server.js';

describe('startKafka', () => {
  let server: KafkaServer;

  beforeAll(async () => {
    server = await startKafka({
      workDir: await testWorkDir('kafka'),
      brokerPort: await freePort(),
      controllerPort: await freePort(),
    });
    // Timings in the test output, so a slow download or start shows up in CI logs.
    console.warn(
      `Kafka ${server.version} ready on ${server.bootstrap}: download ${server.timings.downloadMs} ms, start ${server.timings.startMs} ms`,
    );
  });

  afterAll(async () => {
    await server?.stop();
    // The log stays only when the start failed (the error quotes it); data never stays.
    if (server) await rm(server.workDir, { recursive: true, force: true });
  });

  it('creates a topic, then a consumer group reads what a producer sent', async () => {
    // Given a topic with three partitions, as the seed-004 flow uses
    const kafka = new Kafka({
      clientId: 'services-test',
      brokers: [server.bootstrap],
      logLevel: logLevel.ERROR,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 't3q', numPartitions: 3 }],
      waitForLeaders: true,
    });
    expect(await admin.listTopics()).toContain('t3q');

    // When a producer sends messages with keys and headers
    const producer = kafka.producer();
    await producer.connect();
    const sent = ['한국어 본문', 'tab\there', 'quote " and \\ backslash'].map((value, i) => ({
      key: `k${i}`,
      value,
      headers: { source: 'test' },
    }));
    await producer.send({ topic: 't3q', messages: sent, acks: -1 });
    await producer.disconnect();

    // Then a consumer in a group receives every one of them, and commits its offsets
    const consumer = kafka.consumer({ groupId: 'services-test-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 't3q', fromBeginning: true });
    const received: { key: string; value: string; header: string }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          header: message.headers?.source?.toString() ?? '',
        });
      },
    });
    await expect.poll(() => received.length, { timeout: 60_000 }).toBe(sent.length);
    await consumer.disconnect();
    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    expect(received.every((m) => m.header === 'test')).toBe(true);

    const offsets = await admin.fetchOffsets({ groupId: 'services-test-group', topics: ['t3q'] });
    // A partition that got no message has no committed offset (-1).
    const committed = offsets[0]!.partitions
      .map((p) => Number(p.offset))
      .filter((offset) => offset > 0)
      .reduce((sum, offset) => sum + offset, 0);
    expect(committed).toBe(sent.length);
    await admin.disconnect();
  });

  it('stops the broker cleanly on stop()', async () => {
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
  });
});
