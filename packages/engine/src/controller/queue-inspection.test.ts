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

/** 600 numbered flowfiles (content `item <n>`, size growing with n) behind a stopped sink. */
async function queued(): Promise<TestEngine> {
  let next = 0;
  const numbered = scriptedProcessor('Numbered', async (session) => {
    for (let i = 0; i < 100; i++) {
      const n = next++;
      const f = session.putAllAttributes(session.create(), {
        n: String(n),
        filename: `report-${n}.csv`,
      });
      session.transfer(await session.write(f, `item ${'#'.repeat(n % 10)}${n}`), 'success');
    }
  });
  const sink = scriptedProcessor('Sink', () => {}, { relationships: [] });
  const engine = await openTestEngine(
    queueFlow('inspect', 'Numbered', { id: 'sink', type: 'Sink', name: 'Sink' }),
    [numbered, sink],
    { queueDefaults: { swapThreshold: 100, swapBatch: 100 } },
  );
  for (let i = 0; i < 6; i++) await engine.engine.runOnce('gen');
  await waitFor(
    // All but the swap threshold's 100 go to disk, 100 to a file.
    () => engine.engine.connectionStatus()[0]!.swapped === 500,
    'records to be swapped out',
  );
  return engine;
}

describe('queue inspection', () => {
  it('lists every queued flowfile, swapped ones included, in queue order, without moving any', async () => {
    handle = await queued();
    const { engine } = handle;
    const before = engine.connectionStatus()[0]!;

    const all = await engine.listQueuePage('q', { offset: 0, limit: 1000 });

    expect(all.total).toBe(600);
    expect(all.flowFiles.map((f) => f.filename)).toEqual(
      Array.from({ length: 600 }, (_, n) => `report-${n}.csv`),
    );
    expect(all.flowFiles.map((f) => f.position)).toEqual(
      Array.from({ length: 600 }, (_, n) => n + 1),
    );
    expect(engine.connectionStatus()[0]).toMatchObject({
      queued: before.queued,
      swapped: before.swapped,
    });
  });

  it('sorts by size and filters by an attribute across swap files', async () => {
    handle = await queued();
    const { engine } = handle;
    const largest = await engine.listQueuePage('q', {
      offset: 0,
      limit: 3,
      sort: 'size',
      direction: 'desc',
    });
    // size = "item " + n % 10 hashes + digits of n: 9 hashes and 3 digits is the largest
    expect(largest.flowFiles.map((f) => f.filename)).toEqual([
      'report-109.csv',
      'report-119.csv',
      'report-129.csv',
    ]);
    const filtered = await engine.listQueuePage('q', {
      offset: 0,
      limit: 100,
      filter: { text: '55', attribute: 'n' },
    });
    expect(filtered.flowFiles.map((f) => f.filename)).toEqual([
      'report-55.csv',
      'report-155.csv',
      'report-255.csv',
      'report-355.csv',
      'report-455.csv',
      'report-550.csv',
      'report-551.csv',
      'report-552.csv',
      'report-553.csv',
      'report-554.csv',
      'report-555.csv',
      'report-556.csv',
      'report-557.csv',
      'report-558.csv',
      'report-559.csv',
    ]);
  });

  it('finds a swapped flowfile by id and reads its content by range', async () => {
    handle = await queued();
    const { engine } = handle;
    const [row] = (await engine.listQueuePage('q', { offset: 450, limit: 1 })).flowFiles;
    const found = await engine.findQueued('q', row!.id);
    expect(found?.position).toBe(451);
    expect(found?.flowFile.attributes['n']).toBe('450');
    const chunks: Buffer[] = [];
    for await (const chunk of engine.readContentRange(found!.flowFile, 5, 8)) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('450');
    expect(await engine.findQueued('q', 'no-such-id')).toBeUndefined();
  });

  it('finds nothing once the queue is emptied', async () => {
    handle = await queued();
    const { engine } = handle;
    const [row] = (await engine.listQueuePage('q', { offset: 599, limit: 1 })).flowFiles;
    expect(await engine.emptyQueue('q')).toBe(600);
    expect(await engine.findQueued('q', row!.id)).toBeUndefined();
    expect((await engine.listQueuePage('q', { offset: 0, limit: 10 })).total).toBe(0);
  });
});
