import type { KafkaMessage } from 'kafkajs';

/** One Kafka record a consumer fetched, detached from kafkajs. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offsets are 64-bit: kept as kafkajs gives them, as decimal strings. */
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  /** Null for a tombstone. */
  readonly value: Buffer | null;
  /** Header name and value, in record order (a name may repeat). */
  readonly headers: readonly (readonly [string, Buffer])[];
  /** Bytes held in memory (key, value and headers), for the buffer's limits. */
  readonly size: number;
  /**
   * The consumer assignment it was fetched under. After a rebalance kafkajs fetches again from the
   * committed offsets, so a record of an older assignment must be neither kept nor committed.
   */
  readonly epoch: number;
}

function headerList(message: KafkaMessage): [string, Buffer][] {
  const headers: [string, Buffer][] = [];
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined) continue;
      headers.push([name, typeof v === 'string' ? Buffer.from(v) : v]);
    }
  }
  return headers;
}

/** Copies a kafkajs message of `topic`/`partition` into a {@link ConsumedRecord}. */
export function consumedRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
  epoch: number,
): ConsumedRecord {
  const headers = headerList(message);
  let size = (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of headers) size += name.length + value.length;
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
    size,
    epoch,
  };
}

/** The offsets to commit for these records: per topic and partition, the next after the highest. */
export function offsetsToCommit(
  records: readonly ConsumedRecord[],
): { topic: string; partition: number; offset: string }[] {
  const highest = new Map<string, { topic: string; partition: number; offset: bigint }>();
  for (const record of records) {
    const key = `${record.partition}:${record.topic}`;
    const offset = BigInt(record.offset);
    const known = highest.get(key);
    if (!known || offset > known.offset) {
      highest.set(key, { topic: record.topic, partition: record.partition, offset });
    }
  }
  return [...highest.values()].map(({ topic, partition, offset }) => ({
    topic,
    partition,
    offset: (offset + 1n).toString(),
  }));
}
