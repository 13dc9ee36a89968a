import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { queueFlow } from '../test-support/queue-flow.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { waitFor } from '../test-support/wait-for.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});

describe('swapping', () => {
  it('swaps a long queue to disk, restores it after a restart, and drains it in order', async () => {
    // Given a queue whose swap threshold is far below what is queued
    let next = 0;
    const numbered = scriptedProcessor('Numbered', async (session) => {
      for (let i = 0; i < 100; i++) {
        const f = session.putAttribute(session.create(), 'n', String(next++));
        session.transfer(await session.write(f, `item ${next}`), 'success');
      }
    });
    const taken: number[] = [];
    const collector = scriptedProcessor(
      'Collector',
      (session) => {
        for (const f of session.get(37)) {
          taken.push(Number(f.attributes['n']));
          session.remove(f);
        }
      },
      { relationships: [] },
    );
    handle = await openTestEngine(
      queueFlow('swap', 'Numbered', { id: 'take', type: 'Collector', name: 'Take' }),
      [numbered, collector],
      { queueDefaults: { swapThreshold: 200, swapBatch: 100 } },
    );
    for (let i = 0; i < 10; i++) await handle.engine.runOnce('gen');
    await waitFor(
      () => handle!.engine.connectionStatus()[0]!.swapped >= 700,
      'records to be swapped out',
    );

    // When the engine restarts
    const engine = await handle.reopen();

    // Then every record is back, most still on disk, and they drain in FIFO order
    expect(engine.connectionStatus()[0]!.queued.count).toBe(1000);
    expect(engine.connectionStatus()[0]!.swapped).toBeGreaterThanOrEqual(700);
    await engine.start('take');
    await waitFor(() => taken.length === 1000, 'the queue to drain');
    expect(taken).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    await waitFor(() => engine.isQuiescent(), 'quiescence');
    const reopened = await handle.reopen();
    expect(reopened.connectionStatus()[0]!.queued.count).toBe(0);
    expect((await reopened.content.usage()).bytes).toBe(0);
  });

  it('empties a queue, swapped records included, with a DROP event for each', async () => {
    const many = scriptedProcessor('Many', async (session) => {
      for (let i = 0; i < 500; i++)
        session.transfer(await session.write(session.create(), `n${i}`), 'success');
    });
    handle = await openTestEngine(
      queueFlow('empty', 'Many', {
        id: 'sink',
        type: 'Many',
        name: 'Sink',
        autoTerminatedRelationships: ['success'],
      }),
      [many],
      { queueDefaults: { swapThreshold: 200, swapBatch: 100 } },
    );
    const e = handle.engine;
    await e.runOnce('gen');
    await waitFor(() => e.connectionStatus()[0]!.swapped > 0, 'records to be swapped out');
    expect(await e.emptyQueue('q')).toBe(500);
    expect(e.connectionStatus()[0]!.queued.count).toBe(0);
    await e.provenance.flush();
    expect(
      await e.provenance.query({ componentId: 'q', types: ['DROP'], limit: 1000 }),
    ).toHaveLength(500);
    const reopened = await handle.reopen();
    expect(reopened.connectionStatus()[0]!.queued.count).toBe(0);
    await waitFor(
      async () => (await reopened.content.usage()).bytes === 0,
      'content to be collected',
    );
  });
});
