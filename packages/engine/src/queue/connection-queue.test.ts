import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../flowfile/flowfile.js';
import type { SwapFileSummary, WalOperation } from '../repository/wal-operation.js';
import {
  ConnectionQueue,
  DEFAULT_QUEUE_SETTINGS,
  type QueueSettings,
  type SwapStore,
} from './connection-queue.js';

let nextId = 0;
function flowFile(changes: Partial<FlowFile> = {}): FlowFile {
  const id = `ff-${nextId++}`;
  return {
    id,
    attributes: { uuid: id },
    claim: null,
    size: 10,
    entryDate: 1000,
    lineageStartDate: 1000,
    penalizedUntil: 0,
    ...changes,
  };
}

/** An in-memory swap store: the queue's logic is under test here, the real one has its own tests. */
class MemorySwapStore implements SwapStore {
  readonly files = new Map<string, FlowFile[]>();
  readonly commits: WalOperation[][] = [];
  async writeSwapFile(queue: string, flowFiles: readonly FlowFile[]): Promise<SwapFileSummary> {
    const file = `swap-${this.files.size}`;
    this.files.set(file, [...flowFiles]);
    return {
      file,
      queue,
      count: flowFiles.length,
      bytes: flowFiles.reduce((n, f) => n + f.size, 0),
      claimReferences: {},
    };
  }
  async readSwapFile(summary: SwapFileSummary): Promise<FlowFile[]> {
    return this.files.get(summary.file)!;
  }
  async deleteSwapFile(file: string): Promise<void> {
    this.files.delete(file);
  }
  async commit(ops: readonly WalOperation[]): Promise<void> {
    this.commits.push([...ops]);
  }
}

function queue(settings: Partial<QueueSettings> = {}, store = new MemorySwapStore()) {
  return new ConnectionQueue('q', { ...DEFAULT_QUEUE_SETTINGS, ...settings }, store);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('ConnectionQueue', () => {
  it('polls in FIFO order by default', () => {
    const q = queue();
    const files = [flowFile(), flowFile(), flowFile()];
    q.enqueue(files);
    expect(q.poll(3).flowFiles.map((f) => f.id)).toEqual(files.map((f) => f.id));
  });

  it('keeps FIFO order when a record of an earlier queue order arrives after later ones', () => {
    // given
    const q = queue();
    const later = [flowFile({ queueOrder: 5 }), flowFile({ queueOrder: 6 })];
    const earlier = flowFile({ queueOrder: 2 });
    q.enqueue(later);
    // when
    q.enqueue([earlier]);
    // then
    expect(q.poll(3).flowFiles.map((f) => f.id)).toEqual([earlier.id, ...later.map((f) => f.id)]);
  });

  it('returns a released penalized flowfile ahead of later FIFO arrivals', () => {
    // given
    const q = queue();
    const penalized = flowFile({ penalizedUntil: 5000 });
    q.enqueue([penalized], 1000);
    const later = [flowFile(), flowFile()];
    q.enqueue(later, 1000);
    // when
    const polled = q.poll(3, 5000).flowFiles;
    // then
    expect(polled.map((f) => f.id)).toEqual([penalized.id, ...later.map((f) => f.id)]);
  });

  it('reports full at the object threshold, counting in-flight flowfiles until acknowledged', () => {
    const q = queue({ objectThreshold: 2 });
    q.enqueue([flowFile()]);
    expect(q.isFull()).toBe(false);
    q.enqueue([flowFile()]);
    expect(q.isFull()).toBe(true);
    const { flowFiles } = q.poll(2);
    expect(q.isFull()).toBe(true);
    q.acknowledge(flowFiles);
    expect(q.isFull()).toBe(false);
    expect(q.size()).toEqual({ count: 0, bytes: 0 });
  });

  it('reports full at the data size threshold', () => {
    const q = queue({ objectThreshold: 0, bytesThreshold: 100 });
    q.enqueue([flowFile({ size: 60 })]);
    expect(q.isFull()).toBe(false);
    q.enqueue([flowFile({ size: 40 })]);
    expect(q.isFull()).toBe(true);
  });

  it('wakes the source when space frees up', () => {
    const q = queue({ objectThreshold: 1 });
    let woken = 0;
    q.onSpace = () => woken++;
    q.enqueue([flowFile()]);
    q.acknowledge(q.poll(1).flowFiles);
    expect(woken).toBe(1);
  });

  it('returns rolled-back flowfiles to the queue', () => {
    const q = queue();
    const a = flowFile();
    q.enqueue([a]);
    const { flowFiles } = q.poll(1);
    q.requeue(flowFiles);
    expect(q.poll(1).flowFiles[0]?.id).toBe(a.id);
  });

  it('skips penalized flowfiles until their penalty ends', () => {
    const q = queue();
    const penalized = flowFile({ penalizedUntil: 5000 });
    const free = flowFile();
    q.enqueue([penalized, free], 1000);
    expect(q.poll(2, 1000).flowFiles.map((f) => f.id)).toEqual([free.id]);
    expect(q.hasPollable(1000)).toBe(false);
    expect(q.nextPenaltyRelease()).toBe(5000);
    expect(q.poll(1, 5000).flowFiles.map((f) => f.id)).toEqual([penalized.id]);
  });

  it('hands expired flowfiles back separately so the session can drop them', () => {
    const q = queue({ expirationMs: 100 });
    const old = flowFile({ entryDate: 0 });
    const fresh = flowFile({ entryDate: 950 });
    q.enqueue([old, fresh], 1000);
    const result = q.poll(10, 1000);
    expect(result.expired.map((f) => f.id)).toEqual([old.id]);
    expect(result.flowFiles.map((f) => f.id)).toEqual([fresh.id]);
  });

  it('pollOne takes what poll(1) would, handing expired flowfiles on the way to the caller', () => {
    // given
    const q = queue({ expirationMs: 100 });
    const [old1, old2, fresh, later] = [0, 10, 950, 960].map((entryDate) =>
      flowFile({ entryDate }),
    );
    q.enqueue([old1!, old2!, fresh!, later!], 1000);

    // when
    const expired: FlowFile[] = [];
    const first = q.pollOne(1000, expired);
    const second = q.pollOne(1000, expired);
    const none = q.pollOne(1000, expired);

    // then
    expect([first?.id, second?.id, none]).toEqual([fresh!.id, later!.id, undefined]);
    expect(expired.map((f) => f.id)).toEqual([old1!.id, old2!.id]);
    expect(q.size().count).toBe(4);
    q.acknowledge([old1!, old2!, fresh!, later!]);
    expect(q.isEmpty()).toBe(true);
  });

  it('orders by the priority attribute, numbers first, missing last', () => {
    const q = queue({ prioritizers: ['PRIORITY_ATTRIBUTE'] });
    const none = flowFile();
    const p5 = flowFile({ attributes: { priority: '5' } });
    const p1 = flowFile({ attributes: { priority: '1' } });
    const text = flowFile({ attributes: { priority: 'b' } });
    q.enqueue([none, p5, text, p1]);
    expect(q.poll(4).flowFiles.map((f) => f.id)).toEqual([p1.id, p5.id, text.id, none.id]);
  });

  it('orders newest first by entry date', () => {
    const q = queue({ prioritizers: ['NEWEST_FIRST'] });
    const older = flowFile({ entryDate: 1 });
    const newer = flowFile({ entryDate: 2 });
    q.enqueue([older, newer]);
    expect(q.poll(2).flowFiles.map((f) => f.id)).toEqual([newer.id, older.id]);
  });

  it('swaps records above the threshold to disk and back, keeping FIFO order and counts', async () => {
    const store = new MemorySwapStore();
    const q = queue({ swapThreshold: 4, swapBatch: 2, objectThreshold: 0 }, store);
    const files = Array.from({ length: 10 }, () => flowFile());
    q.enqueue(files);
    await settle();
    expect(q.size().count).toBe(10);
    expect(q.swappedCount()).toBeGreaterThan(0);
    expect(store.commits.some((ops) => ops.some((op) => op.op === 'swapOut'))).toBe(true);
    const seen: string[] = [];
    for (let i = 0; i < 50 && seen.length < 10; i++) {
      const { flowFiles } = q.poll(10);
      q.acknowledge(flowFiles);
      seen.push(...flowFiles.map((f) => f.id));
      await settle();
    }
    expect(seen).toEqual(files.map((f) => f.id));
    expect(q.size().count).toBe(0);
    expect(store.files.size).toBe(0);
  });

  it('applies back-pressure while records wait to be swapped, and retries a failed swap later', async () => {
    const store = new MemorySwapStore();
    let failures = 0;
    const write = store.writeSwapFile.bind(store);
    store.writeSwapFile = async (queue, flowFiles) => {
      if (failures++ === 0) throw new Error('disk full');
      return write(queue, flowFiles);
    };
    const q = queue({ swapThreshold: 2, swapBatch: 2, objectThreshold: 0 }, store);
    const errors: string[] = [];
    q.onError = (e) => errors.push(e.message);
    q.enqueue(Array.from({ length: 6 }, () => flowFile()));
    await settle();
    expect(errors).toEqual(['disk full']);
    expect(q.isFull()).toBe(true);
    expect(q.size().count).toBe(6);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(store.files.size).toBeGreaterThan(0);
    expect(q.isFull()).toBe(false);
    await q.close();
  });
});
