import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../flowfile/flowfile.js';
import type { SwapFileSummary } from '../../repository/wal-operation.js';
import { SwapListingCache } from './swap-listing-cache.js';

function swapFile(name: string, count: number): { summary: SwapFileSummary; records: FlowFile[] } {
  const records = Array.from({ length: count }, (_, i) => {
    const id = `${name}-${i}`;
    return {
      id,
      attributes: { uuid: id, filename: id, kind: i % 2 === 0 ? 'even' : 'odd' },
      claim: null,
      size: i,
      entryDate: 1000 + i,
      lineageStartDate: 1000,
      penalizedUntil: 0,
    };
  });
  return { summary: { file: name, queue: 'q', count, bytes: 0, claimReferences: {} }, records };
}

function reader(files: ReturnType<typeof swapFile>[]) {
  const reads: string[] = [];
  return {
    reads,
    async readSwapFile(summary: SwapFileSummary) {
      reads.push(summary.file);
      return files.find((f) => f.summary.file === summary.file)!.records;
    },
  };
}

describe('SwapListingCache', () => {
  it('indexes a swap file once, sharing the filename string with the id', async () => {
    const a = swapFile('a', 4);
    const r = reader([a]);
    const cache = new SwapListingCache(r);
    const index = await cache.index(a.summary);
    await cache.index(a.summary);
    expect(r.reads).toEqual(['a']);
    expect([...index.columns.size]).toEqual([0, 1, 2, 3]);
    expect(index.filenames[2]).toBe('a-2');
    cache.clear();
  });

  it('keeps at most the indexed records it is allowed, least recently used out first', async () => {
    const files = ['a', 'b', 'c'].map((n) => swapFile(n, 10));
    const r = reader(files);
    const cache = new SwapListingCache(r, { maxIndexedRecords: 20 });
    for (const f of files) await cache.index(f.summary);
    expect(cache.indexedRecords()).toBe(20);
    await cache.index(files[0]!.summary);
    expect(r.reads).toEqual(['a', 'b', 'c', 'a']);
    cache.clear();
  });

  it('caches the matches of a filter per file, and drops files the queue let go of', async () => {
    const a = swapFile('a', 6);
    const r = reader([a]);
    const cache = new SwapListingCache(r, { maxDecodedFiles: 0 });
    const even = { needle: 'even', attribute: 'kind' };
    const never = () => false;
    expect([...(await cache.matches(a.summary, 'even', even, never))]).toEqual([0, 2, 4]);
    expect([...(await cache.matches(a.summary, 'even', even, never))]).toEqual([0, 2, 4]);
    // Another value of the same attribute is searched in the text kept, not read again.
    const odd = { needle: 'odd', attribute: 'kind' };
    expect([...(await cache.matches(a.summary, 'odd', odd, never))]).toEqual([1, 3, 5]);
    expect(r.reads).toEqual(['a']);
    expect(cache.textChars()).toBe('even\0odd\0'.length * 3);
    cache.retain(new Set());
    expect(cache.indexedRecords()).toBe(0);
    cache.clear();
  });

  it('keeps attribute text within its budget', async () => {
    const files = ['a', 'b'].map((n) => swapFile(n, 4));
    // Each file's text is 34 characters ('a-0\0even\0…', the filename being the uuid): the
    // second file's pushes the first's out.
    const cache = new SwapListingCache(reader(files), { maxTextChars: 60 });
    const filter = { needle: 'a-', attribute: undefined };
    for (const f of files) await cache.matches(f.summary, 'a-', filter, () => false);
    expect(cache.textChars()).toBe(34);
    cache.clear();
  });

  it('falls back to the matcher for a needle the text cannot hold', async () => {
    const a = swapFile('a', 3);
    const cache = new SwapListingCache(reader([a]));
    const found = await cache.matches(
      a.summary,
      'nul',
      { needle: 'x\u0000', attribute: undefined },
      (attributes) => attributes['uuid'] === 'a-1',
    );
    expect([...found]).toEqual([1]);
    cache.clear();
  });

  it('forgets what was not used for the idle time', async () => {
    const a = swapFile('a', 3);
    const cache = new SwapListingCache(reader([a]), { idleMs: 1000 });
    await cache.index(a.summary);
    cache.sweep(Date.now() + 500);
    expect(cache.indexedRecords()).toBe(3);
    cache.sweep(Date.now() + 1000);
    expect(cache.indexedRecords()).toBe(0);
  });
});
