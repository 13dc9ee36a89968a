import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestRunner } from '@sluice/engine';
import { freePort, startKafka, type KafkaServer } from '@sluice/services';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTopic,
  kafkaService,
  readTopic,
  uniqueName,
  waitUntil,
} from '../test/support/kafka.js';
import { PUBLISH_KAFKA_FAILURE_ATTRIBUTE, PublishKafka } from './publish-kafka.js';

// A private broker: this file stops and restarts it, and it does not create topics on first use.
let server: KafkaServer;
let workDir: string;
let ports: { brokerPort: number; controllerPort: number };
const startBroker = (keepData: boolean) =>
  startKafka({ workDir, ...ports, autoCreateTopics: false, keepData });

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'sluice-kafka-down-'));
  ports = { brokerPort: await freePort(), controllerPort: await freePort() };
  server = await startBroker(false);
});

afterAll(async () => {
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
});

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

async function publisher(properties: Record<string, string>): Promise<TestRunner> {
  runner = await TestRunner.create(PublishKafka, {
    properties: { kafkaConnectionService: 'kafka', ...properties },
    services: {
      kafka: kafkaService(server.bootstrap),
    },
    penaltyDuration: '1 sec',
  });
  return runner;
}

describe('PublishKafka with a broker that does not create topics, and goes away', () => {
  it('routes a FlowFile for a missing topic to failure with the reason, and still sends the others', async () => {
    // Given an existing topic and one that does not exist
    const existing = uniqueName('exists');
    const missing = uniqueName('missing');
    await createTopic(server.bootstrap, existing);
    const r = await publisher({ topicName: '${topic}' });
    await r.enqueue('lost?', { topic: missing });
    await r.enqueue('kept', { topic: existing });

    // When it runs
    await r.run();

    // Then the missing topic's FlowFile failed, saying so, and the other was sent
    const failed = await r.flowFiles('failure');
    expect(failed.map((f) => f.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE])).toEqual([
      `Topic '${missing}' does not exist on Kafka at ${server.bootstrap} (create it first: these brokers do not create topics on first use)`,
    ]);
    expect((await r.flowFiles('success')).map((f) => f.text)).toEqual(['kept']);
    expect(
      (await readTopic(server.bootstrap, existing, 1)).map((m) => m.value?.toString()),
    ).toEqual(['kept']);
  });

  it('keeps FlowFiles queued while the broker is down and delivers every one once it is back', async () => {
    // Given a flow publishing to a topic
    const topic = uniqueName('outage');
    await createTopic(server.bootstrap, topic);
    const r = await publisher({ topicName: topic });
    for (let i = 0; i < 5; i++) await r.enqueue(`before-${i}`);
    await r.run();
    expect((await r.flowFiles('success')).length).toBe(5);

    // When the broker stops mid-flow
    await server.stop();
    for (let i = 0; i < 5; i++) await r.enqueue(`during-${i}`);
    await r.run();

    // Then nothing is lost or failed: the FlowFiles were rolled back to the queue, with a bulletin
    expect((await r.flowFiles('success')).length).toBe(5);
    expect(await r.flowFiles('failure')).toEqual([]);
    expect(r.inputQueueSize()).toBe(5);
    const bulletin = r.bulletins().find((b) => b.message.includes('rolled back'));
    expect(bulletin?.level).toBe('ERROR');
    expect(bulletin?.message).toContain(server.bootstrap);

    // And once the broker is back, every message arrives
    server = await startBroker(true);
    await waitUntil(
      async () => {
        await r.run();
        return r.inputQueueSize() === 0;
      },
      'the queued FlowFiles to be sent after the broker returned',
      120_000,
    );
    expect((await r.flowFiles('success')).length).toBe(10);
    expect(await r.flowFiles('failure')).toEqual([]);
    const values = (await readTopic(server.bootstrap, topic, 10)).map((m) => m.value?.toString());
    const expected = [0, 1, 2, 3, 4].flatMap((i) => [`before-${i}`, `during-${i}`]);
    expect(new Set(values)).toEqual(new Set(expected));
  }, 240_000);
});
