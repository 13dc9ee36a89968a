import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRunner } from '@sluice/engine';
import { freePort, startKafka, type KafkaServer } from '@sluice/services';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, readTopic, uniqueName, waitUntil } from '../../test/support/kafka.js';
import { ConsumeKafka } from '../consume-kafka.js';
import { PublishKafka } from '../publish-kafka.js';
import { Kafka3ConnectionService } from './kafka-connection-service.js';

// A broker of this file's own, with SASL_PLAINTEXT and SASL_SSL listeners beside its open one
// (the shared test broker has only the open one).
let kafka: KafkaServer;
let workDir: string;
const USER = 'etl';
const PASSWORD = 'etl-secret-4e1f';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sluice-kafka-security-'));
  kafka = await startKafka({
    workDir,
    brokerPort: await freePort(),
    controllerPort: await freePort(),
    security: {
      saslPlaintextPort: await freePort(),
      saslSslPort: await freePort(),
      users: { [USER]: PASSWORD },
    },
  });
}, 400_000);

afterAll(async () => {
  await kafka?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const runners: TestRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

function security() {
  const info = kafka.security;
  if (!info) throw new Error('the test broker was started without its secured listeners');
  return info;
}

/** A runner of `processor` whose Kafka3ConnectionService has these properties. */
async function withService(
  processor: typeof PublishKafka | typeof ConsumeKafka,
  properties: Record<string, string>,
  service: Record<string, string>,
): Promise<TestRunner> {
  const runner = await TestRunner.create(processor, {
    properties: { kafkaConnectionService: 'kafka', ...properties },
    services: { kafka: { definition: Kafka3ConnectionService, properties: service } },
  });
  runners.push(runner);
  return runner;
}

/** Service properties for a SASL listener with the given mechanism and password. */
function saslService(
  protocol: 'SASL_PLAINTEXT' | 'SASL_SSL',
  mechanism: 'PLAIN' | 'SCRAM-SHA-256',
  password = PASSWORD,
): Record<string, string> {
  const info = security();
  return {
    bootstrapServers: protocol === 'SASL_SSL' ? info.saslSsl : info.saslPlaintext,
    securityProtocol: protocol,
    saslMechanism: mechanism,
    saslUsername: USER,
    saslPassword: password,
    ...(protocol === 'SASL_SSL' && { sslTrustedCertificates: info.certificatePem }),
  };
}

describe('Kafka3ConnectionService against a broker that authenticates', () => {
  it.each([
    ['SASL_PLAINTEXT', 'PLAIN'],
    ['SASL_PLAINTEXT', 'SCRAM-SHA-256'],
    ['SASL_SSL', 'PLAIN'],
    ['SASL_SSL', 'SCRAM-SHA-256'],
  ] as const)('publishes over %s with %s', async (protocol, mechanism) => {
    // given a topic and PublishKafka authenticating with the user's password
    const topic = uniqueName('secured');
    await createTopic(kafka.bootstrap, topic);
    const publish = await withService(
      PublishKafka,
      { topicName: topic },
      saslService(protocol, mechanism),
    );
    await publish.enqueue('첫 메시지');
    await publish.enqueue('second');

    // when
    await publish.run();

    // then both went to success, and the topic holds them
    expect((await publish.flowFiles('success')).map((f) => f.content.toString())).toEqual([
      '첫 메시지',
      'second',
    ]);
    const read = await readTopic(kafka.bootstrap, topic, 2);
    expect(read.map((m) => m.value?.toString())).toEqual(['첫 메시지', 'second']);
  });

  it('consumes over SASL_SSL, offsets committed through the same listener', async () => {
    // given two messages in a topic
    const topic = uniqueName('secured-consume');
    await createTopic(kafka.bootstrap, topic);
    const publish = await withService(
      PublishKafka,
      { topicName: topic },
      saslService('SASL_SSL', 'SCRAM-SHA-256'),
    );
    await publish.enqueue('one');
    await publish.enqueue('two');
    await publish.run();

    // when ConsumeKafka reads them over SASL_SSL
    const groupId = uniqueName('secured-group');
    const consume = await withService(
      ConsumeKafka,
      { groupId, topics: topic, autoOffsetReset: 'earliest', maxUncommittedTime: '200 ms' },
      saslService('SASL_SSL', 'PLAIN'),
    );
    expect(await consume.engine.start('under-test')).toEqual({ ok: true });
    try {
      await waitUntil(
        async () => (await consume.flowFiles('success')).length >= 2,
        'ConsumeKafka to read both messages',
      );
    } finally {
      await consume.engine.stop('under-test');
    }

    // then both arrived, and the group's offsets were committed past them
    const values = (await consume.flowFiles('success')).map((f) => f.content.toString());
    expect(values.sort()).toEqual(['one', 'two']);
    const admin = new Kafka({ brokers: [kafka.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await waitUntil(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return offsets!.partitions.map((p) => p.offset).join() === '2';
      }, 'the offset after both messages to be committed');
    } finally {
      await admin.disconnect();
    }
  });

  it('keeps the flowfiles queued on a wrong password, says why, and never shows the password', async () => {
    // given PublishKafka with a wrong password
    const topic = uniqueName('refused');
    await createTopic(kafka.bootstrap, topic);
    const wrong = 'not-the-password-9c2d';
    const publish = await withService(
      PublishKafka,
      { topicName: topic },
      saslService('SASL_PLAINTEXT', 'PLAIN', wrong),
    );
    await publish.enqueue('held back');

    // when
    await publish.run();

    // then nothing was sent or lost: the flowfile waits in the input queue
    expect(await publish.flowFiles('success')).toEqual([]);
    expect(await publish.flowFiles('failure')).toEqual([]);
    expect(publish.inputQueueSize()).toBe(1);
    const messages = publish.bulletins().map((b) => b.message);
    expect(messages.join('\n')).toMatch(/authentication failed/i);
    expect(messages.join('\n')).toContain('rolled back');
    expect(messages.join('\n')).not.toContain(wrong);
  });

  it('refuses a broker certificate it was not told to trust, and says so', async () => {
    // given SASL_SSL without the broker's self-signed certificate among the trusted ones
    const { sslTrustedCertificates: _trusted, ...untrusting } = saslService('SASL_SSL', 'PLAIN');
    const publish = await withService(
      PublishKafka,
      { topicName: uniqueName('untrusted') },
      untrusting,
    );
    await publish.enqueue('held back');

    // when
    await publish.run();

    // then the flowfile waits, and the bulletin names the certificate problem
    expect(publish.inputQueueSize()).toBe(1);
    expect(
      publish
        .bulletins()
        .map((b) => b.message)
        .join('\n'),
    ).toMatch(/certificate/i);
  });
});
