import { afterEach, describe, expect, it } from 'vitest';
import type { FlowFile } from '../flowfile/flowfile.js';
import { ConnectionQueue, DEFAULT_QUEUE_SETTINGS } from '../queue/connection-queue.js';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { TestSink } from '../test-support/test-processors.js';
import type { FlowFileFilterResult, ProcessSession } from './process-session.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});

const position = { x: 0, y: 0 };

let nextId = 0;
function queued(name: string, changes: Partial<FlowFile> = {}): FlowFile {
  const id = `ff-${nextId++}`;
  return {
    id,
    attributes: { uuid: id, name },
    claim: null,
    size: 10,
    entryDate: 1000,
    lineageStartDate: 1000,
    penalizedUntil: 0,
    ...changes,
  };
}

const noSwap = {
  writeSwapFile: () => Promise.reject(new Error('no swap in this test')),
  readSwapFile: () => Promise.reject(new Error('no swap in this test')),
  deleteSwapFile: () => Promise.resolve(),
  commit: () => Promise.resolve(),
};

function queueOf(names: string[], settings = DEFAULT_QUEUE_SETTINGS): ConnectionQueue {
  const queue = new ConnectionQueue('q', settings, noSwap);
  queue.enqueue(
    names.map((n) => queued(n)),
    2000,
  );
  return queue;
}

const names = (flowFiles: readonly FlowFile[]) => flowFiles.map((f) => f.attributes['name']);

describe('ConnectionQueue.pollMatching', () => {
  it('takes the accepted flowfiles and leaves the rejected ones in their order, counted as queued', () => {
    // given a queue a..e
    const queue = queueOf(['a', 'b', 'c', 'd', 'e']);

    // when a filter takes b and d
    const { flowFiles } = queue.pollMatching(
      (f) =>
        ['b', 'd'].includes(f.attributes['name']!) ? 'ACCEPT_AND_CONTINUE' : 'REJECT_AND_CONTINUE',
      2000,
    );

    // then b and d are in flight (still counted) and a, c, e are polled next, in order
    expect(names(flowFiles)).toEqual(['b', 'd']);
    expect(queue.size().count).toBe(5);
    expect(names(queue.poll(10, 2000).flowFiles)).toEqual(['a', 'c', 'e']);
    queue.acknowledge(flowFiles);
    expect(queue.size().count).toBe(3);
  });

  it('changes nothing when every flowfile is rejected: a look at the queue', () => {
    const queue = queueOf(['a', 'b', 'c']);
    const version = queue.version;
    const seen: string[] = [];

    const { flowFiles } = queue.pollMatching((f) => {
      seen.push(f.attributes['name']!);
      return 'REJECT_AND_CONTINUE';
    }, 2000);

    expect(flowFiles).toEqual([]);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(queue.version).toBe(version);
    expect(names(queue.poll(10, 2000).flowFiles)).toEqual(['a', 'b', 'c']);
  });

  it.each<[FlowFileFilterResult, string[], string[]]>([
    ['ACCEPT_AND_TERMINATE', ['b'], ['a', 'b']],
    ['REJECT_AND_TERMINATE', [], ['a', 'b']],
  ])('stops looking after %s', (onB, taken, seen) => {
    const queue = queueOf(['a', 'b', 'c']);
    const offered: string[] = [];

    const { flowFiles } = queue.pollMatching((f) => {
      offered.push(f.attributes['name']!);
      return f.attributes['name'] === 'b' ? onB : 'REJECT_AND_CONTINUE';
    }, 2000);

    expect(names(flowFiles)).toEqual(taken);
    expect(offered).toEqual(seen);
  });

  it('offers flowfiles in priority order and keeps that order for the rest', () => {
    const queue = new ConnectionQueue(
      'q',
      { ...DEFAULT_QUEUE_SETTINGS, prioritizers: ['PRIORITY_ATTRIBUTE'] },
      noSwap,
    );
    queue.enqueue(
      ['3', '1', '2', '0'].map((p) =>
        queued(`p${p}`, { attributes: { uuid: p, name: `p${p}`, priority: p } }),
      ),
      2000,
    );
    const offered: string[] = [];

    queue.pollMatching((f) => {
      offered.push(f.attributes['name']!);
      return f.attributes['name'] === 'p1' ? 'ACCEPT_AND_CONTINUE' : 'REJECT_AND_CONTINUE';
    }, 2000);

    expect(offered).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(names(queue.poll(10, 2000).flowFiles)).toEqual(['p0', 'p2', 'p3']);
  });

  it('hands expired flowfiles over to be dropped without showing them to the filter, and skips penalized ones', () => {
    const queue = new ConnectionQueue(
      'q',
      { ...DEFAULT_QUEUE_SETTINGS, expirationMs: 100 },
      noSwap,
    );
    queue.enqueue(
      [
        queued('old', { entryDate: 0 }),
        queued('penalized', { entryDate: 1950, penalizedUntil: 5000 }),
        queued('fresh', { entryDate: 1950 }),
      ],
      2000,
    );
    const offered: string[] = [];

    const { flowFiles, expired } = queue.pollMatching((f) => {
      offered.push(f.attributes['name']!);
      return 'ACCEPT_AND_CONTINUE';
    }, 2000);

    expect(offered).toEqual(['fresh']);
    expect(names(flowFiles)).toEqual(['fresh']);
    expect(names(expired)).toEqual(['old']);
    expect(queue.size().count).toBe(3);
  });
});

/** A flow: `source` (scripted) → q0 → `worker` (scripted) → q1 → `sink` (never started). */
async function twoStage(
  source: (session: ProcessSession) => Promise<void> | void,
  worker: (session: ProcessSession) => Promise<void> | void,
): Promise<TestEngine> {
  handle = await openTestEngine(
    {
      id: 'f',
      name: 'filter and range',
      processors: [
        { id: 'source', type: 'Source', name: 'Source', position },
        { id: 'worker', type: 'Worker', name: 'Worker', position },
        { id: 'sink', type: 'TestSink', name: 'Sink', position },
      ],
      connections: [
        {
          id: 'q0',
          source: { id: 'source' },
          relationships: ['success'],
          destination: { id: 'worker' },
        },
        {
          id: 'q1',
          source: { id: 'worker' },
          relationships: ['success'],
          destination: { id: 'sink' },
        },
      ],
    },
    [scriptedProcessor('Source', source), scriptedProcessor('Worker', worker), TestSink],
  );
  return handle;
}

async function texts(h: TestEngine, queue: string): Promise<string[]> {
  const result: string[] = [];
  for (const flowFile of h.engine.listQueue(queue, 0, 1000)) {
    const chunks: Buffer[] = [];
    for await (const chunk of h.engine.readContent(flowFile)) chunks.push(chunk);
    result.push(Buffer.concat(chunks).toString());
  }
  return result;
}

/** Emits one flowfile per [letter, content], the letter as an attribute a filter can see. */
const emit = (items: [string, string][]) => async (session: ProcessSession) => {
  for (const [letter, content] of items) {
    const f = session.putAttribute(session.create(), 'letter', letter);
    session.transfer(await session.write(f, content), 'success');
  }
};

const letterA = (f: FlowFile): FlowFileFilterResult =>
  f.attributes['letter'] === 'a' ? 'ACCEPT_AND_CONTINUE' : 'REJECT_AND_CONTINUE';

describe('ProcessSession.get(filter)', () => {
  it('commits the accepted flowfiles and leaves the others queued in place, across a restart', async () => {
    // given a1 b1 a2 b2 queued for the worker
    const h = await twoStage(
      emit([
        ['a', 'a1'],
        ['b', 'b1'],
        ['a', 'a2'],
        ['b', 'b2'],
      ]),
      (session) => {
        // a look first, then the 'a' flowfiles
        expect(session.get((): FlowFileFilterResult => 'REJECT_AND_CONTINUE')).toEqual([]);
        for (const f of session.get(letterA)) session.transfer(f, 'success');
      },
    );
    await h.engine.runOnce('source');

    // when the worker runs
    await h.engine.runOnce('worker');

    // then the 'a' flowfiles moved on and the 'b' ones wait in their order, also after a restart
    expect(await texts(h, 'q1')).toEqual(['a1', 'a2']);
    expect(await texts(h, 'q0')).toEqual(['b1', 'b2']);
    await h.reopen();
    expect(await texts(h, 'q1')).toEqual(['a1', 'a2']);
    expect(await texts(h, 'q0')).toEqual(['b1', 'b2']);
  });

  it('returns the accepted flowfiles to their queue when the session rolls back', async () => {
    const h = await twoStage(
      emit([
        ['a', 'a1'],
        ['b', 'b1'],
      ]),
      (session) => {
        expect(session.get(letterA)).toHaveLength(1);
        throw new Error('failed after taking');
      },
    );
    await h.engine.runOnce('source');

    await h.engine.runOnce('worker');

    expect(
      h.engine
        .listQueue('q0')
        .map((f) => f.attributes['letter'])
        .sort(),
    ).toEqual(['a', 'b']);
    expect(h.engine.listQueue('q1')).toEqual([]);
  });
});

describe('ProcessSession.clone(flowFile, range)', () => {
  it('makes children of byte ranges that share the claim, as FORK events, without copying bytes', async () => {
    // given 'hello world' queued
    const h = await twoStage(emit([['a', 'hello world']]), (session) => {
      const f = session.get()!;
      session.transfer(session.clone(f, { offset: 0, size: 5 }), 'success');
      session.transfer(session.clone(f, { offset: 6, size: 5 }), 'success');
      session.transfer(session.clone(f, { offset: 11, size: 0 }), 'success');
      session.remove(f);
    });
    await h.engine.runOnce('source');
    const [parent] = h.engine.listQueue('q0');
    const before = await h.engine.content.usage();

    // when the worker splits it
    await h.engine.runOnce('worker');

    // then the parts read back, point into the parent's claim, and nothing was written
    expect(await texts(h, 'q1')).toEqual(['hello', 'world', '']);
    const parts = h.engine.listQueue('q1');
    expect(parts.map((p) => p.claim?.file)).toEqual([
      parent!.claim!.file,
      parent!.claim!.file,
      undefined,
    ]);
    expect(parts.map((p) => p.attributes['letter'])).toEqual(['a', 'a', 'a']);
    expect((await h.engine.content.usage()).bytes).toBe(before.bytes);
    await h.engine.provenance.flush();
    const forks = await h.engine.provenance.query({ types: ['FORK'] });
    expect(forks).toHaveLength(3);
    expect(forks.every((e) => e.parentIds?.[0] === parent!.id)).toBe(true);
    // the parts survive the parent and a restart
    await h.reopen();
    expect(await texts(h, 'q1')).toEqual(['hello', 'world', '']);
  });

  it('takes a range of content written in the same session', async () => {
    const h = await twoStage(emit([['a', 'x']]), async (session) => {
      const f = await session.write(session.get()!, 'abcdef');
      session.transfer(session.clone(f, { offset: 2, size: 3 }), 'success');
      session.transfer(f, 'success');
    });
    await h.engine.runOnce('source');

    await h.engine.runOnce('worker');

    expect((await texts(h, 'q1')).sort()).toEqual(['abcdef', 'cde']);
  });

  it('refuses a range outside the content, naming the flowfile', async () => {
    let id = '';
    const h = await twoStage(emit([['a', 'short']]), (session) => {
      const f = session.get()!;
      id = f.id;
      session.clone(f, { offset: 3, size: 5 });
    });
    await h.engine.runOnce('source');

    await h.engine.runOnce('worker');

    const [bulletin] = h.engine.bulletins.query({ componentId: 'worker' });
    expect(bulletin?.message).toContain(`Cannot clone bytes 3+5 of FlowFile ${id}`);
    expect(h.engine.listQueue('q0')).toHaveLength(1);
  });
});
