import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessorRegistry } from '../processor/processor-registry.js';
import { TestSink, TestSource } from '../test-support/test-processors.js';
import { waitFor } from '../test-support/wait-for.js';
import { FlowEngine } from './flow-engine.js';

const THRESHOLD = 500;
const BATCH = 40;
let engine: FlowEngine | undefined;
let dir: string | undefined;

afterEach(async () => {
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openEngine(): Promise<FlowEngine> {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-bp-'));
  const document = parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'bp',
      name: 'Back-pressure',
      processors: [
        {
          id: 'source',
          type: 'TestSource',
          name: 'Source',
          position: { x: 0, y: 0 },
          properties: { batchSize: String(BATCH) },
        },
        { id: 'sink', type: 'TestSink', name: 'Sink', position: { x: 0, y: 100 } },
      ],
      connections: [
        {
          id: 'q',
          source: { id: 'source' },
          relationships: ['success'],
          destination: { id: 'sink' },
          backPressure: { objectThreshold: THRESHOLD },
        },
      ],
    },
  });
  engine = await FlowEngine.open({
    dataDir: dir,
    document,
    registry: new ProcessorRegistry([TestSource, TestSink]),
    autoStart: false,
  });
  return engine;
}

const queued = (e: FlowEngine) => e.connectionStatus()[0]!.queued.count;
const sourceTasks = (e: FlowEngine) => e.processors.get('source')!.stats.total().tasks;

describe('back-pressure', () => {
  it('stops the upstream processor at the threshold and resumes when downstream drains', async () => {
    // Given a running source whose downstream processor is stopped
    const e = await openEngine();
    expect(await e.start('source')).toEqual({ ok: true });

    // When the queue reaches its object threshold
    await waitFor(() => queued(e) >= THRESHOLD, 'the queue to reach the threshold');
    await waitFor(
      () => e.processors.get('source')!.activeTasks === 0,
      'the running task to finish',
    );
    const tasksAtThreshold = sourceTasks(e);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Then it stops there (at most one batch over) and the source is not triggered again
    expect(queued(e)).toBeLessThan(THRESHOLD + BATCH);
    expect(sourceTasks(e)).toBe(tasksAtThreshold);
    expect(e.connectionStatus()[0]!.full).toBe(true);
    const held = (id: string) => e.processorStatus().find((p) => p.id === id)!.backPressured;
    expect(held('source')).toBe(true);
    expect(held('sink')).toBe(false);

    // When downstream starts, the source runs again; once it stops, the queue drains to empty
    expect(await e.start('sink')).toEqual({ ok: true });
    await waitFor(() => sourceTasks(e) > tasksAtThreshold, 'the source to be triggered again');
    await e.stop('source');
    await waitFor(() => !held('source'), 'the source to be no longer held back');
    await e.stop('source');
    await waitFor(() => queued(e) === 0, 'the queue to drain');
    expect(e.isQuiescent()).toBe(true);

    // And the status history has a point for each component
    e.recordStatus();
    expect(e.statusHistory.get('q').at(-1)?.values['queuedCount']).toBe(0);
    expect(e.statusHistory.get('source').at(-1)?.values['tasks']).toBeGreaterThan(0);
  });
});
