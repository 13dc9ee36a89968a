import { describe, expect, it } from 'vitest';
import { offsetsToCommit, type ConsumedRecord } from './consumed-record.js';
import { recordFlowFiles, type RecordOutputSettings } from './record-flowfiles.js';

function record(
  partition: number,
  offset: number,
  value: string | null,
  more: Partial<ConsumedRecord> = {},
): ConsumedRecord {
  return {
    topic: 't',
    partition,
    offset: String(offset),
    timestamp: '1700000000000',
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers: [],
    size: value?.length ?? 0,
    epoch: 1,
    ...more,
  };
}

const settings: RecordOutputSettings = {
  strategy: 'DEMARCATOR',
  demarcator: Buffer.from('|'),
  separateByKey: false,
  keyEncoding: 'utf-8',
  headerNamePattern: /^(?:tenant)$/,
  headerEncoding: 'utf8',
  commitOffsets: true,
};

describe('recordFlowFiles', () => {
  it('DEMARCATOR bundles per partition, and per selected header value, as NiFi', () => {
    const tenant = (name: string): [string, Buffer][] => [['tenant', Buffer.from(name)]];
    const out = recordFlowFiles(
      [
        record(0, 5, 'a', { headers: tenant('x') }),
        record(1, 9, 'b', { headers: tenant('x') }),
        record(0, 6, 'c', { headers: tenant('x') }),
        record(0, 7, 'd', { headers: tenant('y') }),
        record(0, 8, null, { headers: tenant('x') }),
      ],
      settings,
    );
    expect(
      out.map((f) => [
        f.content.toString(),
        f.attributes['kafka.offset'],
        f.attributes['kafka.max.offset'],
        f.attributes['kafka.count'],
        f.attributes['tenant'],
      ]),
    ).toEqual([
      ['a|c|', '5', '8', '3', 'x'],
      ['b', '9', '9', '1', 'x'],
      ['d', '7', '7', '1', 'y'],
    ]);
  });

  it('DEMARCATOR with Separate By Key keeps keys apart and writes the key', () => {
    const key = (k: string) => ({ key: Buffer.from(k) });
    const out = recordFlowFiles(
      [record(0, 0, 'a', key('k1')), record(0, 1, 'b', key('k2')), record(0, 2, 'c', key('k1'))],
      { ...settings, separateByKey: true },
    );
    expect(out.map((f) => [f.content.toString(), f.attributes['kafka.key']])).toEqual([
      ['a|c', 'k1'],
      ['b', 'k2'],
    ]);
  });
});

describe('offsetsToCommit', () => {
  it('commits the offset after the highest of each partition, beyond 2^53 too', () => {
    expect(
      offsetsToCommit([
        record(0, 3, 'a'),
        record(1, 7, 'b'),
        record(0, 9, 'c'),
        record(2, 0, 'd', { offset: '9007199254740993' }),
      ]),
    ).toEqual([
      { topic: 't', partition: 0, offset: '10' },
      { topic: 't', partition: 1, offset: '8' },
      { topic: 't', partition: 2, offset: '9007199254740994' },
    ]);
  });
});
