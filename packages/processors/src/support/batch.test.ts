import type { FlowFile, ProcessSession } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { BatchGuard, forEachFlowFile } from './batch.js';

function flowFile(id: string, size = 1): FlowFile {
  return {
    id,
    attributes: { uuid: id },
    claim: null,
    size,
    entryDate: 0,
    lineageStartDate: 0,
    penalizedUntil: 0,
  };
}

/** Just enough of a session: `get()` hands out the queued flowfiles in order. */
function sessionOf(queue: FlowFile[]): ProcessSession {
  return { get: () => queue.shift() } as unknown as ProcessSession;
}

const LIMITS = { maxFlowFiles: 10, maxBytes: 100 };

describe('forEachFlowFile', () => {
  it('stops at the flowfile limit', async () => {
    const queue = Array.from({ length: 15 }, (_, i) => flowFile(`f${i}`));
    const seen: string[] = [];
    const taken = await forEachFlowFile(
      sessionOf(queue),
      new BatchGuard(),
      LIMITS,
      (f) => void seen.push(f.id),
    );
    expect(taken).toBe(10);
    expect(queue).toHaveLength(5);
  });

  it('lets the event loop turn during a long batch, so other I/O is not held up', async () => {
    // given a batch of 1,000 flowfiles handled synchronously, and a callback due on the loop
    const queue = Array.from({ length: 1000 }, (_, i) => flowFile(`f${i}`));
    const order: string[] = [];
    setImmediate(() => order.push('loop'));

    // when
    await forEachFlowFile(
      sessionOf(queue),
      new BatchGuard(),
      { maxFlowFiles: 1000, maxBytes: 1e9 },
      (f) => {
        if (f.id === 'f999') order.push('last');
      },
    );

    // then the loop callback ran before the batch ended
    expect(order).toEqual(['loop', 'last']);
  });

  it('stops once the batch holds the byte limit', async () => {
    const queue = [flowFile('a', 60), flowFile('b', 60), flowFile('c', 60)];
    const taken = await forEachFlowFile(sessionOf(queue), new BatchGuard(), LIMITS, () => {});
    expect(taken).toBe(2);
  });

  it('takes one flowfile per trigger after a failed batch, until as many have passed', async () => {
    const guard = new BatchGuard();
    const queue = ['ok', 'ok', 'bad', 'ok', 'ok', 'ok', 'ok'].map((id, i) => flowFile(`${id}${i}`));
    const fail = (f: FlowFile): void => {
      if (f.id.startsWith('bad')) throw new Error('bad flowfile');
    };
    await expect(forEachFlowFile(sessionOf(queue), guard, LIMITS, fail)).rejects.toThrow(
      'bad flowfile',
    );
    expect(guard.limitFor(LIMITS)).toBe(1);
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++)
      sizes.push(await forEachFlowFile(sessionOf(queue), guard, LIMITS, fail));
    expect(sizes).toEqual([1, 1, 1]);
    expect(guard.limitFor(LIMITS)).toBe(10);
  });

  it('keeps taking one at a time while the lone flowfile keeps failing', async () => {
    const guard = new BatchGuard();
    guard.failed(5);
    await expect(
      forEachFlowFile(sessionOf([flowFile('bad')]), guard, LIMITS, () => {
        throw new Error('still bad');
      }),
    ).rejects.toThrow('still bad');
    expect(guard.limitFor(LIMITS)).toBe(1);
  });
});

describe('forEachFlowFile with prefetch', () => {
  it('starts loading the next flowfiles while one is handled, and hands each its data in order', async () => {
    const queue = Array.from({ length: 6 }, (_, i) => flowFile(`f${i}`));
    const started: string[] = [];
    const handled: string[] = [];
    await forEachFlowFile<string>(
      sessionOf(queue),
      new BatchGuard(),
      LIMITS,
      (f, data) => {
        handled.push(`${f.id}=${data}`);
        // While f0 is handled, a window's worth of reads ahead of it has been started.
        if (f.id === 'f0') expect(started).toEqual(['f0', 'f1', 'f2', 'f3']);
      },
      {
        window: 3,
        start: (f) => {
          started.push(f.id);
          return Promise.resolve(f.id.toUpperCase());
        },
      },
    );
    expect(handled).toEqual(['f0=F0', 'f1=F1', 'f2=F2', 'f3=F3', 'f4=F4', 'f5=F5']);
  });

  it('fails the batch when a read fails', async () => {
    const guard = new BatchGuard();
    const run = forEachFlowFile(
      sessionOf([flowFile('a'), flowFile('b')]),
      guard,
      LIMITS,
      () => {},
      {
        window: 2,
        start: (f) => (f.id === 'b' ? Promise.reject(new Error('disk')) : Promise.resolve(1)),
      },
    );
    await expect(run).rejects.toThrow('disk');
    expect(guard.limitFor(LIMITS)).toBe(1);
  });
});
