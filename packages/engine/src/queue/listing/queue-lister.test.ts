import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../flowfile/flowfile.js';
import type { SwapFileSummary } from '../../repository/wal-operation.js';
import { descending, QueueLister, type ListableQueue } from './queue-lister.js';
import { sortOrder } from './sort-order.js';
import type { QueueView } from './queue-view.js';

const T0 = 1_767_000_000_000;

/** Flowfile number `n`: size n % 7, queued at T0 + n ms, attribute `group` = n % 3. */
function flowFile(n: number): FlowFile {
  const id = `ff-${String(n).padStart(4, '0')}`;
  return {
    id,
    attributes: { uuid: id, filename: `file-${n}.TXT`, group: `g${n % 3}` },
    claim: null,
    size: n % 7,
    entryDate: T0 + n,
    lineageStartDate: T0 - n,
    penalizedUntil: 0,
    queueOrder: (T0 + n) * 1000,
  };
}

/** A queue of 0..memory-1 in memory, then swap files of `swapSize`, then `pending` records. */
function fakeQueue(memory: number, swaps: number, swapSize: number, pending: number) {
  const files = new Map<string, FlowFile[]>();
  const reads: string[] = [];
  let n = 0;
  const take = (count: number) => Array.from({ length: count }, () => flowFile(n++));
  const view: { -readonly [K in keyof QueueView]: QueueView[K] } = {
    version: 1,
    memory: take(memory),
    swapFiles: [],
    pending: [],
  };
  const swapFiles: SwapFileSummary[] = [];
  for (let s = 0; s < swaps; s++) {
    const file = `swap-${s}`;
    files.set(file, take(swapSize));
    swapFiles.push({ file, queue: 'q', count: swapSize, bytes: 0, claimReferences: {} });
  }
  view.swapFiles = swapFiles;
  view.pending = take(pending);
  const queue: ListableQueue & { current: typeof view } = {
    id: 'q',
    current: view,
    get version() {
      return this.current.version;
    },
    view() {
      return this.current;
    },
  };
  const reader = {
    failNext: undefined as (() => void) | undefined,
    async readSwapFile(summary: SwapFileSummary): Promise<FlowFile[]> {
      reads.push(summary.file);
      const fail = reader.failNext;
      reader.failNext = undefined;
      if (fail) {
        fail();
        throw Object.assign(new Error('ENOENT: swapped in'), { code: 'ENOENT' });
      }
      return files.get(summary.file)!;
    },
  };
  return { queue, reader, reads, total: n };
}

const names = (page: { flowFiles: readonly { id: string }[] }) => page.flowFiles.map((f) => f.id);

describe('QueueLister', () => {
  it('lists pages in queue order across memory, swap files and pending records', async () => {
    // Given 5 in memory, 3 swap files of 4, and 2 pending (19 in all)
    const { queue, reader, reads } = fakeQueue(5, 3, 4, 2);
    const lister = new QueueLister(reader);

    // When pages are listed
    const first = await lister.list(queue, { offset: 0, limit: 7 });
    const middle = await lister.list(queue, { offset: 7, limit: 4 });
    const last = await lister.list(queue, { offset: 16, limit: 10 });

    // Then positions run through every part, and only the swap files a page needs are read
    expect(first.total).toBe(19);
    expect(first.queued).toBe(19);
    expect(first.flowFiles.map((f) => f.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(names(middle)).toEqual(['ff-0007', 'ff-0008', 'ff-0009', 'ff-0010']);
    expect(names(last)).toEqual(['ff-0016', 'ff-0017', 'ff-0018']);
    expect(last.flowFiles[2]).toMatchObject({
      position: 19,
      filename: 'file-18.TXT',
      size: 18 % 7,
      queuedDate: T0 + 18,
      entryDate: T0 + 18,
      lineageStartDate: T0 - 18,
      penalizedUntil: 0,
    });
    expect(reads).toEqual(['swap-0', 'swap-1', 'swap-2']);
  });

  it('lists in reverse queue order, and past the end as an empty page', async () => {
    const { queue, reader } = fakeQueue(3, 1, 3, 1);
    const lister = new QueueLister(reader);
    const page = await lister.list(queue, { offset: 0, limit: 3, direction: 'desc' });
    expect(page.flowFiles.map((f) => f.position)).toEqual([7, 6, 5]);
    const beyond = await lister.list(queue, { offset: 50, limit: 3 });
    expect(beyond).toEqual({ total: 7, queued: 7, offset: 50, flowFiles: [] });
  });

  it('sorts by size with equal sizes in queue order, both ways', async () => {
    const { queue, reader } = fakeQueue(4, 2, 5, 3);
    const lister = new QueueLister(reader);
    const asc = await lister.list(queue, { offset: 0, limit: 5, sort: 'size' });
    // sizes are n % 7: 0 at n = 0, 7, 14; 1 at n = 1, 8, ...
    expect(names(asc)).toEqual(['ff-0000', 'ff-0007', 'ff-0014', 'ff-0001', 'ff-0008']);
    const desc = await lister.list(queue, {
      offset: 0,
      limit: 4,
      sort: 'size',
      direction: 'desc',
    });
    expect(names(desc)).toEqual(['ff-0006', 'ff-0013', 'ff-0005', 'ff-0012']);
    const oldestLineage = await lister.list(queue, {
      offset: 0,
      limit: 1,
      sort: 'lineageStartDate',
    });
    expect(names(oldestLineage)).toEqual(['ff-0016']);
  });

  it('filters on any attribute value, ignoring case, or on a named attribute', async () => {
    const { queue, reader } = fakeQueue(4, 2, 5, 3);
    const lister = new QueueLister(reader);
    const byName = await lister.list(queue, {
      offset: 0,
      limit: 10,
      filter: { text: 'FILE-1' },
    });
    expect(names(byName)).toEqual([
      'ff-0001',
      'ff-0010',
      'ff-0011',
      'ff-0012',
      'ff-0013',
      'ff-0014',
      'ff-0015',
      'ff-0016',
    ]);
    const group = await lister.list(queue, {
      offset: 1,
      limit: 2,
      filter: { text: 'g2', attribute: 'group' },
      sort: 'position',
      direction: 'desc',
    });
    // g2: 2, 5, 8, 11, 14 — desc from the second
    expect(group.total).toBe(5);
    expect(group.queued).toBe(17);
    expect(names(group)).toEqual(['ff-0011', 'ff-0008']);
    const nowhere = await lister.list(queue, {
      offset: 0,
      limit: 2,
      filter: { text: 'g2', attribute: 'filename' },
    });
    expect(nowhere.total).toBe(0);
  });

  it('reads each swap file once for a sort and a filter paged through', async () => {
    const { queue, reader, reads } = fakeQueue(2, 4, 10, 0);
    const lister = new QueueLister(reader, { maxDecodedFiles: 1 });
    for (let offset = 0; offset < 40; offset += 10) {
      await lister.list(queue, { offset, limit: 10, sort: 'size', filter: { text: 'g1' } });
    }
    expect(reads.sort()).toEqual(['swap-0', 'swap-1', 'swap-2', 'swap-3']);
  });

  it('finds a flowfile by id in memory, in a swap file or pending, with its position', async () => {
    const { queue, reader } = fakeQueue(3, 2, 3, 2);
    const lister = new QueueLister(reader);
    expect(await lister.find(queue, 'ff-0001')).toMatchObject({ position: 2 });
    const swapped = await lister.find(queue, 'ff-0007');
    expect(swapped?.position).toBe(8);
    expect(swapped?.flowFile.attributes['group']).toBe('g1');
    expect((await lister.find(queue, 'ff-0010'))?.position).toBe(11);
    expect(await lister.find(queue, 'ff-9999')).toBeUndefined();
  });

  it('starts again on a new view when a swap file is swapped in while it is read', async () => {
    // Given a swap file that disappears as it is read (its records went back to memory)
    const { queue, reader } = fakeQueue(2, 1, 3, 0);
    const original = queue.current;
    reader.failNext = () => {
      queue.current = {
        version: original.version + 1,
        memory: [...original.memory, ...[2, 3, 4].map(flowFile)],
        swapFiles: [],
        pending: [],
      };
    };
    const lister = new QueueLister(reader);

    // When a page is listed, then it shows the records where they are now
    const page = await lister.list(queue, { offset: 0, limit: 10, sort: 'size' });
    expect(names(page)).toEqual(['ff-0000', 'ff-0001', 'ff-0002', 'ff-0003', 'ff-0004']);
  });

  it('reports a read failure that is not a queue change', async () => {
    const { queue, reader } = fakeQueue(0, 1, 3, 0);
    reader.failNext = () => {};
    const lister = new QueueLister(reader);
    await expect(lister.list(queue, { offset: 0, limit: 1 })).rejects.toThrow(/ENOENT/);
  });
});

describe('descending', () => {
  it('derives the stable descending order from the ascending one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 50 }), (values) => {
        const keys = new Float64Array(values);
        const asc = sortOrder(keys, 'asc');
        const positions = Float64Array.from(asc);
        const sortedKeys = Float64Array.from(asc, (i) => keys[i]!);
        expect([...descending(positions, sortedKeys)]).toEqual([...sortOrder(keys, 'desc')]);
      }),
    );
  });
});
