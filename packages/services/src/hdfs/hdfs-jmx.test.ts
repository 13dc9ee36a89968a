import { describe, expect, it } from 'vitest';
import { isNamesystemWritable, parseNamesystemState } from './hdfs-jmx.js';

const bean = (fields: Record<string, unknown>) => ({
  beans: [
    {
      name: 'Hadoop:service=NameNode,name=FSNamesystemState',
      NumLiveDataNodes: 1,
      FSState: 'Operational',
      CapacityRemaining: 1_000,
      ...fields,
    },
  ],
});

describe('NameNode readiness from JMX', () => {
  it('is writable with a live DataNode that reported storage and safe mode off', () => {
    expect(isNamesystemWritable(parseNamesystemState(bean({}))!)).toBe(true);
  });

  it('waits for safe mode to end, a live DataNode and its storage report', () => {
    for (const fields of [
      { FSState: 'safeMode' },
      { NumLiveDataNodes: 0 },
      { CapacityRemaining: 0 },
    ]) {
      expect(isNamesystemWritable(parseNamesystemState(bean(fields))!)).toBe(false);
    }
  });

  it('has no state while the MBean is not registered, and rejects other JSON', () => {
    expect(parseNamesystemState({ beans: [] })).toBeUndefined();
    expect(() => parseNamesystemState({ error: 'x' })).toThrow();
  });
});
