import { describe, expect, it } from 'vitest';
import { RecordBuffer } from './record-buffer.js';

const record = (name: string, size = 10) => ({ name, size });
const never = new AbortController().signal;

describe('RecordBuffer', () => {
  it('is full at either limit, and has room again only at half of both', () => {
    const buffer = new RecordBuffer<{ name: string; size: number }>({
      maxRecords: 4,
      maxBytes: 100,
    });
    buffer.push([record('a'), record('b'), record('c')]);
    expect(buffer.isFull).toBe(false);
    buffer.push([record('d')]);
    expect(buffer.isFull).toBe(true);
    buffer.take(1);
    expect([buffer.isFull, buffer.hasRoom]).toEqual([false, false]);
    buffer.take(1);
    expect(buffer.hasRoom).toBe(true);
    buffer.push([record('big', 100)]);
    expect(buffer.isFull).toBe(true);
    expect(buffer.bytes).toBe(120);
  });

  it('takes oldest first, and puts given-back records in front in their order', () => {
    const buffer = new RecordBuffer<{ name: string; size: number }>({
      maxRecords: 10,
      maxBytes: 1000,
    });
    buffer.push(['a', 'b', 'c', 'd'].map((n) => record(n)));
    const taken = buffer.take(2);
    expect(taken.map((r) => r.name)).toEqual(['a', 'b']);
    buffer.giveBack(taken);
    expect(buffer.take(10).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
    expect([buffer.count, buffer.bytes]).toEqual([0, 0]);
  });

  it('wakes a waiter when records arrive, and otherwise at the deadline or on abort', async () => {
    const buffer = new RecordBuffer<{ name: string; size: number }>({
      maxRecords: 10,
      maxBytes: 1000,
    });
    const waiting = buffer.waitForRecords(Date.now() + 60_000, never);
    buffer.push([record('a')]);
    await waiting;
    expect(buffer.count).toBe(1);
    buffer.take(1);

    await buffer.waitForRecords(Date.now() + 20, never);
    expect(buffer.count).toBe(0);

    const abort = new AbortController();
    const aborted = buffer.waitForRecords(Date.now() + 60_000, abort.signal);
    abort.abort();
    await aborted;
    expect(buffer.count).toBe(0);
  });

  it('clear drops everything', () => {
    const buffer = new RecordBuffer<{ name: string; size: number }>({
      maxRecords: 10,
      maxBytes: 1000,
    });
    buffer.push([record('a'), record('b')]);
    buffer.clear();
    expect([buffer.count, buffer.bytes, buffer.take(5)]).toEqual([0, 0, []]);
  });
});
