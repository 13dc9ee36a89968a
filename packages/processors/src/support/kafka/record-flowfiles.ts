import type { ConsumedRecord } from './consumed-record.js';
import { keyAttribute, type KeyEncoding } from './kafka-encoding.js';

/** NiFi's ConsumeKafka Processing Strategy (RECORD needs record readers, which Sluice lacks yet). */
export type ProcessingStrategy = 'FLOW_FILE' | 'DEMARCATOR';

/** How consumed records become flowfiles. */
export interface RecordOutputSettings {
  readonly strategy: ProcessingStrategy;
  /** Joins the records of one bundle (DEMARCATOR). */
  readonly demarcator: Buffer;
  /** DEMARCATOR: records with different keys go to different flowfiles. */
  readonly separateByKey: boolean;
  readonly keyEncoding: KeyEncoding;
  /** Headers whose names fully match become attributes; none when undefined. */
  readonly headerNamePattern: RegExp | undefined;
  readonly headerEncoding: BufferEncoding;
  readonly commitOffsets: boolean;
}

/** The content and attributes of one flowfile to create. */
export interface RecordFlowFile {
  readonly topic: string;
  readonly content: Buffer;
  readonly attributes: Readonly<Record<string, string>>;
}

const EMPTY = Buffer.alloc(0);

/** Attributes of the headers the pattern selects (a repeated name keeps its last value, as NiFi). */
function headerAttributes(
  record: ConsumedRecord,
  settings: RecordOutputSettings,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = settings.headerNamePattern;
  if (!pattern) return attributes;
  for (const [name, value] of record.headers) {
    if (pattern.test(name)) attributes[name] = value.toString(settings.headerEncoding);
  }
  return attributes;
}

/** NiFi's attributes of one record: where it came from, its key and the selected headers. */
function recordAttributes(
  record: ConsumedRecord,
  settings: RecordOutputSettings,
  withKey: boolean,
): Record<string, string> {
  const attributes: Record<string, string> = {
    'kafka.topic': record.topic,
    'kafka.partition': String(record.partition),
    'kafka.offset': record.offset,
    'kafka.timestamp': record.timestamp,
    'kafka.header.count': String(record.headers.length),
    'kafka.consumer.offsets.committed': String(settings.commitOffsets),
  };
  const key = withKey ? keyAttribute(record.key, settings.keyEncoding) : undefined;
  if (key !== undefined) attributes['kafka.key'] = key;
  return { ...attributes, ...headerAttributes(record, settings) };
}

function oneFlowFilePerRecord(
  records: readonly ConsumedRecord[],
  settings: RecordOutputSettings,
): RecordFlowFile[] {
  return records.map((record) => {
    const attributes = recordAttributes(record, settings, true);
    if (record.value === null) attributes['kafka.tombstone'] = 'true';
    return { topic: record.topic, content: record.value ?? EMPTY, attributes };
  });
}

/**
 * DEMARCATOR: the records of one topic partition (and, with Separate By Key, one key; and one set
 * of selected header values, as NiFi) joined by the demarcator, in offset order.
 */
function bundles(
  records: readonly ConsumedRecord[],
  settings: RecordOutputSettings,
): RecordFlowFile[] {
  const groups = new Map<string, ConsumedRecord[]>();
  for (const record of records) {
    const key = JSON.stringify([
      record.topic,
      record.partition,
      settings.separateByKey ? (record.key?.toString('base64') ?? null) : null,
      headerAttributes(record, settings),
    ]);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const parts: Buffer[] = [];
    group.forEach((record, i) => {
      if (i > 0) parts.push(settings.demarcator);
      parts.push(record.value ?? EMPTY);
    });
    return {
      topic: first.topic,
      content: Buffer.concat(parts),
      attributes: {
        ...recordAttributes(first, settings, settings.separateByKey),
        'kafka.max.offset': group.at(-1)!.offset,
        'kafka.count': String(group.length),
      },
    };
  });
}

/** The flowfiles for records taken in one trigger, in the order of their first record. */
export function recordFlowFiles(
  records: readonly ConsumedRecord[],
  settings: RecordOutputSettings,
): RecordFlowFile[] {
  switch (settings.strategy) {
    case 'FLOW_FILE':
      return oneFlowFilePerRecord(records, settings);
    case 'DEMARCATOR':
      return bundles(records, settings);
    default: {
      const _exhaustive: never = settings.strategy;
      throw new Error(`Unknown processing strategy ${String(_exhaustive)}`);
    }
  }
}
