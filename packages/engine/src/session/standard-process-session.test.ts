import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { TestSink } from '../test-support/test-processors.js';
import { waitFor } from '../test-support/wait-for.js';
import type { ProcessSession } from './process-session.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});

const position = { x: 0, y: 0 };

/** A flow: `source` (scripted) → [relationships] → `sink` (never started unless asked). */
async function pipeline(
  script: (session: ProcessSession) => Promise<void> | void,
  options: { relationships?: string[]; connections?: number; expiration?: string } = {},
) {
  const relationships = options.relationships ?? ['success'];
  const source = scriptedProcessor('Scripted', script, { relationships });
  const connections = Array.from({ length: options.connections ?? 1 }, (_, i) => ({
    id: `q${i}`,
    source: { id: 'source' },
    relationships,
    destination: { id: 'sink' },
    ...(options.expiration ? { expiration: options.expiration } : {}),
  }));
  handle = await openTestEngine(
    {
      id: 'f',
      name: 'session test',
      processors: [
        { id: 'source', type: 'Scripted', name: 'Source', position },
        { id: 'sink', type: 'TestSink', name: 'Sink', position },
      ],
      connections,
    },
    [source, TestSink],
  );
  return handle;
}

/** Provenance event types the engine recorded, counted. */
async function eventCounts(h: TestEngine): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await h.engine.provenance.query({ limit: 100_000 })) {
    counts[event.type] = (counts[event.type] ?? 0) + 1;
  }
  return counts;
}

async function contentOf(h: TestEngine, queue: string): Promise<string[]> {
  const texts: string[] = [];
  for (const flowFile of h.engine.listQueue(queue, 0, 1000)) {
    const chunks: Buffer[] = [];
    for await (const chunk of h.engine.readContent(flowFile)) chunks.push(chunk);
    texts.push(Buffer.concat(chunks).toString());
  }
  return texts;
}

describe('StandardProcessSession', () => {
  it('keeps every provenance event of sessions bigger than the provenance backlog bound', async () => {
    // Given a provenance bound of 10 unwritten events and sessions of 200 new flowfiles each
    const source = scriptedProcessor('Bursts', (session) => {
      for (let i = 0; i < 200; i++) session.transfer(session.create(), 'success');
    });
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'provenance back-pressure',
        processors: [
          { id: 'source', type: 'Bursts', name: 'Source', position },
          { id: 'sink', type: 'TestSink', name: 'Sink', position },
        ],
        connections: [
          {
            id: 'q',
            source: { id: 'source' },
            relationships: ['success'],
            destination: { id: 'sink' },
          },
        ],
      },
      [source, TestSink],
      { provenanceMaxQueuedEvents: 10 },
    );

    // When three sessions commit one after another without waiting for the writer
    await Promise.all([1, 2, 3].map(() => handle!.engine.runOnce('source')));
    await handle.engine.provenance.flush();

    // Then all 600 CREATE events were written, none dropped, and no bulletin says otherwise
    expect(await eventCounts(handle)).toEqual({ CREATE: 600 });
    expect(handle.engine.bulletins.query({ limit: 10 })).toEqual([]);
    expect(handle.engine.connectionStatus()[0]!.queued.count).toBe(600);
  });

  it('makes committed flowfiles durable: they come back after a restart with content and attributes', async () => {
    const h = await pipeline(async (session) => {
      for (const text of ['a', 'b', 'c']) {
        let f = session.create();
        f = session.putAttribute(f, 'letter', text);
        f = await session.write(f, text.repeat(3));
        session.transfer(f, 'success');
      }
    });
    expect(await h.engine.runOnce('source')).toEqual({ ok: true });
    await h.reopen();
    expect(await contentOf(h, 'q0')).toEqual(['aaa', 'bbb', 'ccc']);
    expect(h.engine.listQueue('q0').map((f) => f.attributes['letter'])).toEqual(['a', 'b', 'c']);
  });

  it('keeps an attribute named __proto__ as an attribute: set, cloned to a second connection, removed, replayed', async () => {
    const h = await pipeline(
      (session) => {
        let kept = session.putAllAttributes(session.create(), { ['__proto__']: 'x', a: '1' });
        kept = session.putAttribute(kept, 'b', '2');
        session.transfer(kept, 'success');
        let removed = session.putAttribute(session.create(), '__proto__', 'y');
        removed = session.removeAttribute(removed, '__proto__');
        session.transfer(removed, 'success');
      },
      { connections: 2 },
    );
    expect(await h.engine.runOnce('source')).toEqual({ ok: true });
    await h.reopen();
    for (const queue of ['q0', 'q1']) {
      const [kept, removed] = h.engine.listQueue(queue);
      expect(Object.getPrototypeOf(kept!.attributes)).toBe(Object.prototype);
      expect(Object.hasOwn(kept!.attributes, '__proto__')).toBe(true);
      expect(kept!.attributes['__proto__']).toBe('x');
      expect([kept!.attributes['a'], kept!.attributes['b']]).toEqual(['1', '2']);
      expect(Object.hasOwn(removed!.attributes, '__proto__')).toBe(false);
    }
  });

  it('rolls back on an error: taken flowfiles return penalized, written content is released, a bulletin says why', async () => {
    let failing = true;
    const worker = scriptedProcessor('Worker', async (session) => {
      const f = session.get();
      if (!f) return;
      if (!failing) return session.remove(f);
      await session.write(f, 'x'.repeat(2 * 1024 * 1024));
      throw new Error('remote is down');
    });
    const source = scriptedProcessor('Scripted', async (s) =>
      s.transfer(await s.write(s.create(), 'original'), 'success'),
    );
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'rollback',
        processors: [
          { id: 'source', type: 'Scripted', name: 'Source', position },
          {
            id: 'worker',
            type: 'Worker',
            name: 'Worker',
            position,
            autoTerminatedRelationships: ['success'],
          },
        ],
        connections: [
          {
            id: 'q0',
            source: { id: 'source' },
            relationships: ['success'],
            destination: { id: 'worker' },
          },
        ],
      },
      [source, worker],
    );
    const e = handle.engine;
    await e.runOnce('source');
    await e.runOnce('worker');
    const [flowFile] = e.listQueue('q0');
    expect(flowFile?.penalizedUntil).toBeGreaterThan(Date.now());
    expect(await contentOf(handle, 'q0')).toEqual(['original']);
    expect(e.bulletins.query({ componentId: 'worker' })[0]?.message).toContain('remote is down');
    // Once the flowfile is gone, nothing may hold the rolled-back content.
    failing = false;
    const reopened = await handle.reopen();
    await reopened.runOnce('worker');
    await waitFor(
      async () => (await reopened.content.usage()).bytes === 0,
      'all content to be deleted',
    );
  });

  it('refuses to commit a flowfile that was neither transferred nor removed, naming it', async () => {
    let id = '';
    const h = await pipeline((session) => {
      id = session.create().id;
    });
    await h.engine.runOnce('source');
    expect(h.engine.bulletins.query({ componentId: 'source' })[0]?.message).toContain(
      `FlowFile ${id}`,
    );
    expect(h.engine.connectionStatus()[0]!.queued.count).toBe(0);
  });

  it('commits component state in the same record as the flowfiles it produced', async () => {
    const h = await pipeline(async (session) => {
      const n = Number(session.getState()?.['n'] ?? '0') + 1;
      session.setState({ n: String(n) });
      session.transfer(await session.write(session.create(), `item ${n}`), 'success');
    });
    await h.engine.runOnce('source');
    await h.engine.runOnce('source');
    const reopened = await h.reopen();
    expect(reopened.state('source')).toEqual({ n: '2' });
    expect(await contentOf(h, 'q0')).toEqual(['item 1', 'item 2']);
  });

  it('copies a flowfile to every connection of a relationship, sharing the content', async () => {
    const h = await pipeline(
      async (session) =>
        session.transfer(await session.write(session.create(), 'shared'), 'success'),
      {
        connections: 2,
      },
    );
    await h.engine.runOnce('source');
    expect(await contentOf(h, 'q0')).toEqual(['shared']);
    expect(await contentOf(h, 'q1')).toEqual(['shared']);
    const [a] = h.engine.listQueue('q0');
    const [b] = h.engine.listQueue('q1');
    expect(a!.id).not.toBe(b!.id);
    expect(a!.claim).toEqual(b!.claim);
  });

  it('deletes content once no flowfile references it, also after a restart', async () => {
    const h = await pipeline(async (session) => {
      const f = await session.write(session.create(), 'y'.repeat(2 * 1024 * 1024));
      session.transfer(f, 'success');
      session.transfer(session.clone(f), 'success');
    });
    await h.engine.runOnce('source');
    expect((await h.engine.content.usage()).bytes).toBeGreaterThan(0);
    expect(await h.engine.start('sink')).toEqual({ ok: true });
    await waitFor(() => h.engine.isQuiescent(), 'the sink to drain the queue');
    const reopened = await h.reopen();
    expect((await reopened.content.usage()).bytes).toBe(0);
  });

  it('writes a buffer written to consecutive flowfiles once, each flowfile holding a reference', async () => {
    // given one Buffer written to three flowfiles in a row, another to one, then the first again
    const shared = Buffer.from('shared');
    const h = await pipeline(async (session) => {
      for (const content of [shared, shared, shared, Buffer.from('own'), shared]) {
        session.transfer(await session.write(session.create(), content), 'success');
      }
    });

    // when
    await h.engine.runOnce('source');

    // then the run of three shares a claim, and the content reads back for all
    expect(await contentOf(h, 'q0')).toEqual(['shared', 'shared', 'shared', 'own', 'shared']);
    const claims = h.engine.listQueue('q0').map((f) => f.claim!);
    expect(new Set(claims.slice(0, 3).map((c) => c.offset)).size).toBe(1);
    expect((await h.engine.content.usage()).bytes).toBe('shared'.length * 2 + 'own'.length);

    // when every flowfile is gone, so is the content
    expect(await h.engine.start('sink')).toEqual({ ok: true });
    await waitFor(() => h.engine.isQuiescent(), 'the sink to drain the queue');
    const reopened = await h.reopen();
    expect((await reopened.content.usage()).bytes).toBe(0);
  });

  it('drops expired flowfiles with an EXPIRE provenance event', async () => {
    const h = await pipeline(async (session) => session.transfer(session.create(), 'success'), {
      expiration: '1 millis',
    });
    await h.engine.runOnce('source');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await h.engine.runOnce('sink');
    expect(h.engine.connectionStatus()[0]!.queued.count).toBe(0);
    await h.engine.provenance.flush();
    const events = await h.engine.provenance.query({ types: ['EXPIRE'] });
    expect(events).toHaveLength(1);
  });

  it('records CREATE and DROP provenance with the component', async () => {
    const h = await pipeline(async (session) =>
      session.transfer(await session.write(session.create(), 'p'), 'success'),
    );
    await h.engine.runOnce('source');
    await h.engine.runOnce('sink');
    await h.engine.provenance.flush();
    const events = await h.engine.provenance.query({});
    expect(events.map((e) => `${e.type}:${e.componentId}`).sort()).toEqual([
      'CREATE:source',
      'DROP:sink',
    ]);
  });

  it('refuses a transfer to a relationship the processor does not have', async () => {
    const h = await pipeline((session) => session.transfer(session.create(), 'nope'));
    await h.engine.runOnce('source');
    expect(h.engine.bulletins.query({ componentId: 'source' })[0]?.message).toContain(
      "Cannot transfer to 'nope'",
    );
  });
});
