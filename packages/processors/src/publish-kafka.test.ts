import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  createTopic,
  kafkaService,
  plainKafka,
  readTopic,
  uniqueName,
} from '../test/support/kafka.js';
import { PUBLISH_KAFKA_FAILURE_ATTRIBUTE, PublishKafka } from './publish-kafka.js';

const bootstrap = (): string => inject('services').kafka!.bootstrap;

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

async function publisher(properties: Record<string, string>): Promise<TestRunner> {
  runner = await TestRunner.create(PublishKafka, {
    properties: { kafkaConnectionService: 'kafka', ...properties },
    services: {
      kafka: kafkaService(bootstrap()),
    },
  });
  return runner;
}

describe('PublishKafka', () => {
  it('sends each FlowFile as one message, keyed and with matching attributes as headers', async () => {
    // Given a topic and FlowFiles with a key attribute and header attributes
    const topic = uniqueName('publish');
    await createTopic(bootstrap(), topic);
    const r = await publisher({
      topicName: '${topic}',
      kafkaKey: '${id}',
      attributeHeaderPattern: 'h\\..*',
    });
    const contents = ['first\nline two', '한국어 메시지', 'third'];
    for (const [i, content] of contents.entries()) {
      await r.enqueue(content, { topic, id: `k${i}`, 'h.source': 'sluice', other: 'not a header' });
    }

    // When it runs
    await r.run();

    // Then every FlowFile went to success with msg.count, a SEND event and the counter
    const success = await r.flowFiles('success');
    expect(success.map((f) => f.attributes['msg.count'])).toEqual(['1', '1', '1']);
    expect(await r.flowFiles('failure')).toEqual([]);
    const sends = (await r.provenanceEvents()).filter((e) => e.type === 'SEND');
    expect(sends.map((e) => e.transitUri)).toEqual(
      contents.map(() => `kafka://${bootstrap()}/${topic}`),
    );
    expect(r.counter('Messages Sent')).toBe(3);

    // And the topic holds the contents with their keys and headers
    const messages = await readTopic(bootstrap(), topic, 3);
    expect(messages.map((m) => m.value?.toString())).toEqual(contents);
    expect(messages.map((m) => m.key?.toString())).toEqual(['k0', 'k1', 'k2']);
    expect(messages.map((m) => m.headers)).toEqual(contents.map(() => ({ 'h.source': 'sluice' })));
  });

  it('splits content on the Message Demarcator, one message per non-empty part', async () => {
    const topic = uniqueName('demarcated');
    await createTopic(bootstrap(), topic);
    const r = await publisher({ topicName: topic, messageDemarcator: '\n' });
    await r.enqueue('alpha\nbeta\n\ngamma\n');

    await r.run();

    expect((await r.flowFiles('success')).map((f) => f.attributes['msg.count'])).toEqual(['3']);
    const messages = await readTopic(bootstrap(), topic, 3);
    expect(messages.map((m) => m.value?.toString())).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('uses the kafka.key attribute when Kafka Key is not set, decoded as hex when asked', async () => {
    const topic = uniqueName('keys');
    await createTopic(bootstrap(), topic);
    const r = await publisher({ topicName: topic, keyAttributeEncoding: 'hex' });
    await r.enqueue('with a binary key', { 'kafka.key': '00ff10' });
    await r.enqueue('no key');
    await r.enqueue('odd hex', { 'kafka.key': 'abc' });

    await r.run();

    const failure = await r.flowFiles('failure');
    expect(failure.map((f) => f.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE])).toEqual([
      "Kafka Key 'abc' is not hexadecimal (pairs of 0-9, a-f)",
    ]);
    const messages = await readTopic(bootstrap(), topic, 2);
    expect(messages.map((m) => [m.value?.toString(), m.key?.toString('hex') ?? null])).toEqual([
      ['with a binary key', '00ff10'],
      ['no key', null],
    ]);
  });

  it('sends to the Partition given, and fails a FlowFile for a partition the topic lacks', async () => {
    // Given a topic with three partitions
    const topic = uniqueName('partitions');
    await createTopic(bootstrap(), topic, 3);
    const r = await publisher({ topicName: topic, partition: '${p}' });
    await r.enqueue('to two', { p: '2' });
    await r.enqueue('to seven', { p: '7' });
    await r.enqueue('to nowhere', { p: 'two' });

    await r.run();

    // Then the message for partition 2 is there, and the others failed with the reason
    expect((await r.flowFiles('success')).map((f) => f.text)).toEqual(['to two']);
    const reasons = (await r.flowFiles('failure')).map(
      (f) => f.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE],
    );
    expect(reasons).toEqual([
      `Topic '${topic}' on Kafka at ${bootstrap()} has no partition 7`,
      "Partition 'two' is not a partition number (0 or more)",
    ]);
    const messages = await readTopic(bootstrap(), topic, 1);
    expect(messages.map((m) => [m.partition, m.value?.toString()])).toEqual([[2, 'to two']]);
  });

  it('checks the partition before sending without acknowledgment (Best Effort)', async () => {
    const topic = uniqueName('best-effort');
    await createTopic(bootstrap(), topic, 2);
    const r = await publisher({ topicName: topic, partition: '${p}', deliveryGuarantee: '0' });
    await r.enqueue('fine', { p: '1' });
    await r.enqueue('lost otherwise', { p: '5' });

    await r.run();

    expect((await r.flowFiles('success')).map((f) => f.text)).toEqual(['fine']);
    expect(
      (await r.flowFiles('failure')).map((f) => f.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE]),
    ).toEqual([
      `Topic '${topic}' on Kafka at ${bootstrap()} has 2 partitions; there is no partition 5`,
    ]);
    const messages = await readTopic(bootstrap(), topic, 1);
    expect(messages.map((m) => [m.partition, m.value?.toString()])).toEqual([[1, 'fine']]);
  });

  it('fails a FlowFile whose message is over the Max Request Size, sending nothing of it', async () => {
    const topic = uniqueName('large');
    await createTopic(bootstrap(), topic);
    const r = await publisher({ topicName: topic, maxRequestSize: '1 KB' });
    await r.enqueue('x'.repeat(2000));
    await r.enqueue('small');

    await r.run();

    expect((await r.flowFiles('success')).map((f) => f.text)).toEqual(['small']);
    const failed = await r.flowFiles('failure');
    expect(failed.map((f) => f.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE])).toEqual([
      "The FlowFile's content is 2000 bytes, more than the Max Request Size of 1024 bytes",
    ]);
    expect(failed[0]!.flowFile.penalizedUntil).toBeGreaterThan(0);
    expect(r.bulletins().map((b) => b.level)).toEqual(['ERROR']);
    const messages = await readTopic(bootstrap(), topic, 1);
    expect(messages.map((m) => m.value?.toString())).toEqual(['small']);
  });

  it('fails only the FlowFile Kafka refuses when it refuses a send several FlowFiles shared', async () => {
    // Given a topic taking record batches of at most 1,500 bytes: three FlowFiles of 600 bytes
    // fit alone but not together, and one of 3,000 bytes fits nowhere
    const topic = uniqueName('shared-send');
    const admin = plainKafka(bootstrap()).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, configEntries: [{ name: 'max.message.bytes', value: '1500' }] }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
    const r = await publisher({ topicName: topic });
    const small = ['a', 'b', 'c'].map((c) => c.repeat(600));
    await r.enqueue(small[0]!);
    await r.enqueue('x'.repeat(3000));
    await r.enqueue(small[1]!);
    await r.enqueue(small[2]!);

    // When it runs
    await r.run();

    // Then the small ones were sent once each, in order, and only the large one failed
    expect((await r.flowFiles('success')).map((f) => f.text)).toEqual(small);
    const failed = await r.flowFiles('failure');
    expect(failed.map((f) => f.text.length)).toEqual([3000]);
    expect(failed[0]!.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE]).toContain(
      `Kafka at ${bootstrap()} refused a message for topic '${topic}' as too large`,
    );
    const messages = await readTopic(bootstrap(), topic, 3);
    expect(messages.map((m) => m.value?.toString())).toEqual(small);
  });

  it('sends the parts of a large demarcated FlowFile in requests within the Max Request Size', async () => {
    const topic = uniqueName('many-parts');
    await createTopic(bootstrap(), topic);
    const r = await publisher({ topicName: topic, messageDemarcator: ',', maxRequestSize: '1 KB' });
    const parts = Array.from({ length: 300 }, (_, i) => `part-${String(i).padStart(4, '0')}`);
    await r.enqueue(parts.join(','));

    await r.run();

    expect((await r.flowFiles('success')).map((f) => f.attributes['msg.count'])).toEqual(['300']);
    const messages = await readTopic(bootstrap(), topic, 300);
    expect(messages.map((m) => m.value?.toString())).toEqual(parts);
  });

  it('routes a topic name Kafka refuses to failure, saying so', async () => {
    const r = await publisher({ topicName: 'not a valid topic!' });
    await r.enqueue('data');

    await r.run();

    const reason = (await r.flowFiles('failure'))[0]?.attributes[PUBLISH_KAFKA_FAILURE_ATTRIBUTE];
    expect(reason).toContain(
      `Kafka at ${bootstrap()} refused 'not a valid topic!' as a topic name`,
    );
  });

  it('compresses with gzip and delivers with each guarantee', async () => {
    const topic = uniqueName('gzip');
    await createTopic(bootstrap(), topic);
    for (const deliveryGuarantee of ['0', '1', 'all']) {
      const r = await publisher({ topicName: topic, compressionType: 'gzip', deliveryGuarantee });
      await r.enqueue(`acks ${deliveryGuarantee} `.repeat(100));
      await r.run();
      expect((await r.flowFiles('success')).length).toBe(1);
      await r.close();
      runner = undefined;
    }
    const messages = await readTopic(bootstrap(), topic, 3);
    expect(messages.map((m) => m.value?.toString().slice(0, 7))).toEqual([
      'acks 0 ',
      'acks 1 ',
      'acks al',
    ]);
  });

  it('with Failure Strategy Rollback keeps a refused FlowFile queued instead of failing it', async () => {
    const r = await publisher({
      topicName: uniqueName('rollback'),
      failureStrategy: 'Rollback',
      maxRequestSize: '10 B',
    });
    await r.enqueue('more than ten bytes');

    await r.run();

    expect(await r.flowFiles('failure')).toEqual([]);
    expect(await r.flowFiles('success')).toEqual([]);
    expect(r.inputQueueSize()).toBe(1);
    expect(r.bulletins().at(-1)?.message).toContain('(Failure Strategy Rollback)');
  });
});
