import { randomBytes } from 'node:crypto';
import { TestRunner, type OutputFlowFile } from '@sluice/engine';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  createTopic,
  kafkaService,
  plainKafka,
  produce,
  uniqueName,
  waitUntil,
} from '../test/support/kafka.js';
import { ConsumeKafka } from './consume-kafka.js';

const bootstrap = (): string => inject('services').kafka!.bootstrap;

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

async function consumer(properties: Record<string, string>): Promise<TestRunner> {
  runner = await TestRunner.create(ConsumeKafka, {
    properties: {
      kafkaConnectionService: 'kafka',
      autoOffsetReset: 'earliest',
      maxUncommittedTime: '200 ms',
      ...properties,
    },
    services: {
      kafka: kafkaService(bootstrap()),
    },
  });
  return runner;
}

/** Runs the processor (scheduled, as in a flow) until `count` FlowFiles went to success. */
async function consumeUntil(r: TestRunner, count: number): Promise<OutputFlowFile[]> {
  expect(await r.engine.start('under-test')).toEqual({ ok: true });
  try {
    await waitUntil(
      async () => (await r.flowFiles('success')).length >= count,
      `${count} FlowFiles`,
    );
  } finally {
    await r.engine.stop('under-test');
  }
  return r.flowFiles('success');
}

async function committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = plainKafka(bootstrap()).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(offsets!.partitions.map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
}

describe('ConsumeKafka', () => {
  it('turns each message into a FlowFile: content, key, headers and Kafka attributes intact', async () => {
    // Given messages of several kinds in a topic
    const topic = uniqueName('consume');
    await createTopic(bootstrap(), topic);
    const binary = randomBytes(256);
    await produce(bootstrap(), topic, [
      {
        key: 'k-text',
        value: 'line one\nline two\r\n\ttabbed',
        headers: { source: 'test', other: 'x' },
      },
      { key: '키', value: '한국어 메시지 — 유니코드', headers: { source: '소스' } },
      { key: Buffer.from([0, 255]), value: binary },
      { key: 'gone', value: null },
    ]);
    const r = await consumer({
      groupId: uniqueName('group'),
      topics: topic,
      headerNamePattern: 'source',
    });

    // When it runs
    const flowFiles = await consumeUntil(r, 4);

    // Then the contents are exact, in order, with NiFi's attributes
    expect(flowFiles).toHaveLength(4);
    expect(flowFiles[0]!.text).toBe('line one\nline two\r\n\ttabbed');
    expect(flowFiles[1]!.text).toBe('한국어 메시지 — 유니코드');
    expect(flowFiles[2]!.content.equals(binary)).toBe(true);
    expect(flowFiles[3]!.content.length).toBe(0);
    expect(flowFiles.map((f) => f.attributes['kafka.key'])).toEqual([
      'k-text',
      '키',
      Buffer.from([0, 255]).toString('utf8'),
      'gone',
    ]);
    expect(flowFiles[0]!.attributes).toMatchObject({
      'kafka.topic': topic,
      'kafka.partition': '0',
      'kafka.offset': '0',
      'kafka.header.count': '2',
      source: 'test',
    });
    expect(flowFiles[0]!.attributes['other']).toBeUndefined();
    expect(flowFiles[1]!.attributes['source']).toBe('소스');
    expect(flowFiles[3]!.attributes['kafka.tombstone']).toBe('true');
    expect(flowFiles.map((f) => f.attributes['kafka.offset'])).toEqual(['0', '1', '2', '3']);
    expect(Number(flowFiles[0]!.attributes['kafka.timestamp'])).toBeGreaterThan(0);

    // And each was received from the topic, as provenance says
    const receives = (await r.provenanceEvents()).filter((e) => e.type === 'RECEIVE');
    expect(receives.map((e) => e.transitUri)).toEqual(
      flowFiles.map(() => `kafka://${bootstrap()}/${topic}`),
    );
  });

  it('writes keys as hex when asked', async () => {
    const topic = uniqueName('hex');
    await produce(bootstrap(), topic, [{ key: Buffer.from([0, 171, 255]), value: 'v' }]);
    const r = await consumer({
      groupId: uniqueName('group'),
      topics: topic,
      keyAttributeEncoding: 'hex',
    });
    const [flowFile] = await consumeUntil(r, 1);
    expect(flowFile!.attributes['kafka.key']).toBe('00ABFF');
  });

  it('reads every partition of a three-partition topic, each in offset order', async () => {
    const topic = uniqueName('three');
    await createTopic(bootstrap(), topic, 3);
    const sent = Array.from({ length: 30 }, (_, i) => ({ key: `key-${i % 7}`, value: `m-${i}` }));
    await produce(bootstrap(), topic, sent);
    const r = await consumer({ groupId: uniqueName('group'), topics: topic });

    const flowFiles = await consumeUntil(r, 30);

    expect(flowFiles.map((f) => f.text).sort()).toEqual(sent.map((m) => m.value).sort());
    const partitions = new Set(flowFiles.map((f) => f.attributes['kafka.partition']));
    expect(partitions).toEqual(new Set(['0', '1', '2']));
    for (const partition of partitions) {
      const offsets = flowFiles
        .filter((f) => f.attributes['kafka.partition'] === partition)
        .map((f) => Number(f.attributes['kafka.offset']));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
  });

  it('DEMARCATOR: joins the messages of each partition in one FlowFile with the demarcator', async () => {
    // Given messages spread over three partitions (keys pick the partition)
    const topic = uniqueName('demarcator');
    await createTopic(bootstrap(), topic, 3);
    const sent = Array.from({ length: 12 }, (_, i) => ({ key: `key-${i % 4}`, value: `v${i}` }));
    await produce(bootstrap(), topic, sent);
    const r = await consumer({
      groupId: uniqueName('group'),
      topics: topic,
      processingStrategy: 'DEMARCATOR',
      messageDemarcator: '\n',
      maxUncommittedTime: '2 sec',
    });

    // When it runs until all twelve messages are in FlowFiles
    expect(await r.engine.start('under-test')).toEqual({ ok: true });
    const count = async () =>
      (await r.flowFiles('success')).reduce((n, f) => n + Number(f.attributes['kafka.count']), 0);
    try {
      await waitUntil(async () => (await count()) >= 12, 'twelve bundled messages');
    } finally {
      await r.engine.stop('under-test');
    }

    // Then each FlowFile holds one partition's messages in offset order, with first offset,
    // last offset and count
    const flowFiles = await r.flowFiles('success');
    expect(await count()).toBe(12);
    for (const f of flowFiles) {
      const lines = f.text.split('\n');
      expect(lines).toHaveLength(Number(f.attributes['kafka.count']));
      const first = Number(f.attributes['kafka.offset']);
      expect(Number(f.attributes['kafka.max.offset'])).toBe(first + lines.length - 1);
      expect(f.attributes['kafka.key']).toBeUndefined();
    }
    const all = flowFiles.flatMap((f) => f.text.split('\n'));
    expect(all.sort()).toEqual(sent.map((m) => m.value).sort());
    // Fewer FlowFiles than messages: the partitions' messages were bundled
    expect(flowFiles.length).toBeLessThan(12);
  });

  it('commits offsets after the session, so the group does not see committed messages again', async () => {
    // Given a group that consumed three messages
    const topic = uniqueName('committed');
    const groupId = uniqueName('group');
    await produce(bootstrap(), topic, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const first = await consumer({ groupId, topics: topic });
    expect((await consumeUntil(first, 3)).map((f) => f.text)).toEqual(['a', 'b', 'c']);
    await first.close();
    runner = undefined;
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '3' });

    // When more arrive and a new consumer of the same group starts
    await produce(bootstrap(), topic, [{ value: 'd' }]);
    const second = await consumer({ groupId, topics: topic });
    const flowFiles = await consumeUntil(second, 1);

    // Then it gets only the new one
    expect(flowFiles.map((f) => f.text)).toEqual(['d']);
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '4' });
  });

  it('a session that does not commit commits no offsets: the same group receives the messages again', async () => {
    // Given a consumer whose session fails at commit (as a crash before the commit would)
    const topic = uniqueName('replay');
    const groupId = uniqueName('group');
    await produce(bootstrap(), topic, [{ value: 'one' }, { value: 'two' }]);
    let failedCommits = 0;
    const CrashingConsumeKafka = {
      ...ConsumeKafka,
      type: 'CrashingConsumeKafka',
      onTrigger: (...[ctx, session, scheduled]: Parameters<typeof ConsumeKafka.onTrigger>) =>
        ConsumeKafka.onTrigger(
          ctx,
          new Proxy(session, {
            get(target, property) {
              if (property === 'commit') {
                return () => {
                  failedCommits++;
                  return Promise.reject(new Error('simulated crash before the session commit'));
                };
              }
              const value: unknown = Reflect.get(target, property);
              return typeof value === 'function' ? value.bind(target) : value;
            },
          }),
          scheduled,
        ),
    };
    runner = await TestRunner.create(CrashingConsumeKafka, {
      properties: {
        kafkaConnectionService: 'kafka',
        groupId,
        topics: topic,
        autoOffsetReset: 'earliest',
      },
      services: {
        kafka: kafkaService(bootstrap()),
      },
    });
    expect(await runner.engine.start('under-test')).toEqual({ ok: true });
    await waitUntil(() => failedCommits > 0, 'a session commit');
    await runner.engine.stop('under-test');

    // Then nothing came out, nothing was committed, and the failure was reported
    expect(await runner.flowFiles('success')).toEqual([]);
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '-1' });
    expect(
      runner
        .bulletins()
        .map((b) => b.message)
        .join('\n'),
    ).toContain('simulated crash before the session commit');
    await runner.close();
    runner = undefined;

    // When the real processor starts in the same group, it receives both messages
    const again = await consumer({ groupId, topics: topic });
    expect((await consumeUntil(again, 2)).map((f) => f.text)).toEqual(['one', 'two']);
  });

  it('with Auto Offset Reset latest skips what was there before it joined', async () => {
    const topic = uniqueName('latest');
    const groupId = uniqueName('group');
    await produce(bootstrap(), topic, [{ value: 'old' }]);
    const r = await consumer({ groupId, topics: topic, autoOffsetReset: 'latest' });
    expect(await r.engine.start('under-test')).toEqual({ ok: true });
    try {
      // Joined once the group is stable with this member owning the partition
      const admin = plainKafka(bootstrap()).admin();
      await admin.connect();
      try {
        await waitUntil(async () => {
          const { groups } = await admin.describeGroups([groupId]);
          return groups[0]?.state === 'Stable' && groups[0].members.length === 1;
        }, 'the consumer to join its group');
      } finally {
        await admin.disconnect();
      }
      await produce(bootstrap(), topic, [{ value: 'new' }]);
      await waitUntil(async () => (await r.flowFiles('success')).length >= 1, 'the new message');
    } finally {
      await r.engine.stop('under-test');
    }
    expect((await r.flowFiles('success')).map((f) => f.text)).toEqual(['new']);
  });

  it('with Auto Offset Reset none refuses to consume for a group without offsets, saying why', async () => {
    const topic = uniqueName('none');
    const groupId = uniqueName('group');
    await produce(bootstrap(), topic, [{ value: 'kept for later' }]);
    const r = await consumer({ groupId, topics: topic, autoOffsetReset: 'none' });
    expect(await r.engine.start('under-test')).toEqual({ ok: true });
    try {
      await waitUntil(
        () => r.bulletins().some((b) => b.message.includes('Auto Offset Reset is none')),
        'the missing offset to be reported',
      );
    } finally {
      await r.engine.stop('under-test');
    }
    expect(await r.flowFiles('success')).toEqual([]);
    expect(r.bulletins().map((b) => b.message)).toContain(
      `Group '${groupId}' has no committed offset for ${topic}/0 and Auto Offset Reset is none; commit offsets for the group or choose earliest or latest; the session was rolled back and the processor yields for 1 sec`,
    );
  });

  it('with Topic Format pattern consumes every matching topic', async () => {
    const prefix = uniqueName('pattern');
    await produce(bootstrap(), `${prefix}-a`, [{ value: 'from a' }]);
    await produce(bootstrap(), `${prefix}-b`, [{ value: 'from b' }]);
    await produce(bootstrap(), `${prefix}x-c`, [{ value: 'not matched' }]);
    const r = await consumer({
      groupId: uniqueName('group'),
      topics: `${prefix}-.*`,
      topicFormat: 'pattern',
    });
    const flowFiles = await consumeUntil(r, 2);
    expect(flowFiles.map((f) => f.text).sort()).toEqual(['from a', 'from b']);
  });

  it('is invalid in DEMARCATOR mode without a demarcator', async () => {
    const r = await consumer({
      groupId: 'g',
      topics: 't',
      processingStrategy: 'DEMARCATOR',
    });
    expect(r.validationErrors()).toEqual([
      "messageDemarcator: 'Message Demarcator' is required when 'Processing Strategy' is DEMARCATOR",
    ]);
  });
});
