import type { ComponentLog } from '@sluice/engine';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  createTopic,
  enableKafkaService,
  plainKafka,
  produce,
  uniqueName,
  waitUntil,
  type EnabledKafkaService,
} from '../../../test/support/kafka.js';
import type { ConsumedRecord } from './consumed-record.js';
import { KafkaRecordSource, type RecordSourceOptions } from './kafka-record-source.js';

const bootstrap = (): string => inject('services').kafka!.bootstrap;
const ignore = (): undefined => undefined;
const quietLog: ComponentLog = { debug: ignore, info: ignore, warn: ignore, error: ignore };

let kafka: EnabledKafkaService | undefined;
const sources: KafkaRecordSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
  await kafka?.runner.close();
  kafka = undefined;
});

async function source(
  options: Partial<RecordSourceOptions> & Pick<RecordSourceOptions, 'groupId' | 'topics'>,
) {
  kafka ??= await enableKafkaService({ bootstrapServers: bootstrap() });
  const created = new KafkaRecordSource({
    service: kafka.service,
    autoOffsetReset: 'earliest',
    limits: { maxRecords: 10_000, maxBytes: 32 * 1024 * 1024 },
    commitOffsets: true,
    log: quietLog,
    ...options,
  });
  sources.push(created);
  await created.ensureStarted();
  return created;
}

const never = new AbortController().signal;
const id = (r: ConsumedRecord): string => `${r.partition}/${r.offset}`;

async function committedTotal(groupId: string, topic: string): Promise<number> {
  const admin = plainKafka(bootstrap()).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('KafkaRecordSource', () => {
  it('pauses fetching when its buffer is full and resumes as it drains, each record once', async () => {
    // Given 40 messages of 200 KB: a fetch (1 MB per partition) brings a few at a time
    const topic = uniqueName('pressure');
    await createTopic(bootstrap(), topic);
    for (let i = 0; i < 40; i++) {
      await produce(bootstrap(), topic, [{ value: Buffer.alloc(200 * 1024, i) }]);
    }
    const groupId = uniqueName('group');

    // When a source that holds five records starts and nobody takes any
    const s = await source({
      groupId,
      topics: [topic],
      limits: { maxRecords: 5, maxBytes: 1 << 30 },
    });
    await waitUntil(() => s.paused, 'the source to pause');

    // Then it holds a few fetches' worth, and fetches no more while paused
    const held = s.buffered;
    expect(held).toBeGreaterThanOrEqual(5);
    expect(held).toBeLessThan(40);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(s.buffered).toBe(held);

    // And draining it resumes fetching until every record came, exactly once and in order
    const taken: ConsumedRecord[] = [];
    await waitUntil(async () => {
      taken.push(...(await s.take(5, Date.now() + 200, never)));
      return taken.length >= 40;
    }, 'all 40 records');
    expect(taken.map((r) => Number(r.offset))).toEqual([...Array(40).keys()]);
    expect(taken.map((r) => r.value![0])).toEqual([...Array(40).keys()]);
    await s.commit(taken);
    expect(await committedTotal(groupId, topic)).toBe(40);
  });

  it('gives back what a failed session took, in order, for the next take', async () => {
    const topic = uniqueName('give-back');
    await produce(bootstrap(), topic, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const s = await source({ groupId: uniqueName('group'), topics: [topic] });
    const first: ConsumedRecord[] = [];
    await waitUntil(async () => {
      first.push(...(await s.take(2 - first.length, Date.now() + 200, never)));
      return first.length === 2;
    }, 'two records');
    s.giveBack(first);
    const again: ConsumedRecord[] = [];
    await waitUntil(async () => {
      again.push(...(await s.take(3 - again.length, Date.now() + 200, never)));
      return again.length === 3;
    }, 'three records');
    expect(again.map((r) => r.value?.toString())).toEqual(['a', 'b', 'c']);
  });

  it('across a rebalance drops and never commits what it held, so nothing is lost', async () => {
    // Given a group member holding records of a three-partition topic, not yet committed
    const topic = uniqueName('rebalance');
    const groupId = uniqueName('group');
    await createTopic(bootstrap(), topic, 3);
    await produce(
      bootstrap(),
      topic,
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    );
    const a = await source({ groupId, topics: [topic] });
    const held: ConsumedRecord[] = [];
    await waitUntil(async () => {
      held.push(...(await a.take(5, Date.now() + 200, never)));
      return held.length > 0;
    }, 'the first member to take records');

    // When a second member joins and the partitions are shared out again
    const b = await source({ groupId, topics: [topic] });
    const admin = plainKafka(bootstrap()).admin();
    await admin.connect();
    try {
      await waitUntil(async () => {
        const { groups } = await admin.describeGroups([groupId]);
        return groups[0]?.state === 'Stable' && groups[0].members.length === 2;
      }, 'both members in a stable group');
    } finally {
      await admin.disconnect();
    }

    // Then committing the records held from before is skipped (another member may own them now)
    await a.commit(held);
    expect(await committedTotal(groupId, topic)).toBe(0);

    // And between them the members receive every record again, and commit all 30
    const seen = new Map<string, number>();
    await waitUntil(async () => {
      for (const member of [a, b]) {
        const taken = await member.take(100, Date.now() + 100, never);
        for (const r of taken) seen.set(id(r), (seen.get(id(r)) ?? 0) + 1);
        await member.commit(taken);
      }
      return seen.size === 30;
    }, 'all 30 records after the rebalance');
    for (const r of held) expect(seen.has(id(r))).toBe(true);
    await waitUntil(
      async () => (await committedTotal(groupId, topic)) === 30,
      'all offsets committed',
    );
  });
});
