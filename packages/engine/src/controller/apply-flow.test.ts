import { parseFlowDocument, type FlowDocumentInput } from '@sluice/flow-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { TestSink, TestSource } from '../test-support/test-processors.js';
import { waitFor } from '../test-support/wait-for.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});
const position = { x: 0, y: 0 };
const source = {
  id: 'source',
  type: 'TestSource',
  name: 'Source',
  position,
  properties: { batchSize: '5' },
};
const sink = { id: 'sink', type: 'TestSink', name: 'Sink', position };
const link = {
  id: 'q',
  source: { id: 'source' },
  relationships: ['success'],
  destination: { id: 'sink' },
};

const doc = (flow: Partial<FlowDocumentInput['flow']>) =>
  parseFlowDocument({ schemaVersion: 1, flow: { id: 'f', name: 'edit', ...flow } });

describe('FlowEngine.applyFlow', () => {
  it('adds processors and connections to a running engine, and they work', async () => {
    handle = await openTestEngine(
      { id: 'f', name: 'edit', processors: [source], connections: [] },
      [TestSource, TestSink],
    );
    const e = handle.engine;
    expect(await e.applyFlow(doc({ processors: [source, sink], connections: [link] }))).toEqual({
      ok: true,
    });
    await e.runOnce('source');
    expect(e.connectionStatus()).toMatchObject([{ id: 'q', queued: { count: 5 } }]);
    await e.start('sink');
    await waitFor(() => e.isQuiescent(), 'the new sink to drain the new connection');
  });

  it('refuses to remove a connection that holds flowfiles, changing nothing', async () => {
    handle = await openTestEngine(
      { id: 'f', name: 'edit', processors: [source, sink], connections: [link] },
      [TestSource, TestSink],
    );
    const e = handle.engine;
    await e.runOnce('source');
    const result = await e.applyFlow(doc({ processors: [source, sink], connections: [] }));
    expect(result).toEqual({
      ok: false,
      reasons: ["Connection 'q' holds 5 flowfiles; empty it before removing it"],
    });
    expect(e.connectionStatus()[0]!.queued.count).toBe(5);
    expect(e.document.flow.connections).toHaveLength(1);
  });

  it('refuses to reconfigure a running processor but lets it be moved', async () => {
    handle = await openTestEngine(
      { id: 'f', name: 'edit', processors: [source, sink], connections: [link] },
      [TestSource, TestSink],
    );
    const e = handle.engine;
    await e.start('sink');
    const moved = await e.applyFlow(
      doc({ processors: [source, { ...sink, position: { x: 50, y: 50 } }], connections: [link] }),
    );
    expect(moved).toEqual({ ok: true });
    const renamedType = await e.applyFlow(
      doc({
        processors: [source, { ...sink, scheduling: { concurrentTasks: 2 } }],
        connections: [link],
      }),
    );
    expect(renamedType).toEqual({
      ok: false,
      reasons: ["Processor 'Sink' is running; stop it before changing its configuration"],
    });
  });

  it('applies a new back-pressure threshold at once', async () => {
    handle = await openTestEngine(
      { id: 'f', name: 'edit', processors: [source, sink], connections: [link] },
      [TestSource, TestSink],
    );
    const e = handle.engine;
    await e.runOnce('source');
    expect(e.connectionStatus()[0]!.full).toBe(false);
    await e.applyFlow(
      doc({
        processors: [source, sink],
        connections: [{ ...link, backPressure: { objectThreshold: 3 } }],
      }),
    );
    expect(e.connectionStatus()[0]!.full).toBe(true);
  });
});
