import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { TestSink, TestSource } from '../test-support/test-processors.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});
const position = { x: 0, y: 0 };

/** What a probe saw of its connections, one entry per trigger. */
interface Seen {
  readonly available: string[];
  readonly incoming: boolean;
  /** Relationships a connection leaves from (hasConnection). */
  readonly connected: string[];
}

/** A processor that records what its context says, then sends two flowfiles to `success`. */
function probe(seen: Seen[]) {
  return scriptedProcessor(
    'Probe',
    async (session, ctx) => {
      seen.push({
        available: [...ctx.availableRelationships()].sort(),
        incoming: ctx.hasIncomingConnection(),
        connected: ['success', 'extra'].filter((r) => ctx.hasConnection(r)),
      });
      for (const flowFile of session.get(10)) session.remove(flowFile);
      for (let i = 0; i < 2; i++) session.transfer(session.create(), 'success');
    },
    { relationships: ['success', 'extra'] },
  );
}

describe('ProcessContext connections', () => {
  it('lists a relationship as available until one of its connections is full', async () => {
    // Given a probe whose `success` queue holds at most 2 and whose `extra` is auto-terminated
    const seen: Seen[] = [];
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'available',
        processors: [
          {
            id: 'probe',
            type: 'Probe',
            name: 'Probe',
            position,
            autoTerminatedRelationships: ['extra'],
          },
          { id: 'sink', type: 'TestSink', name: 'Sink', position },
        ],
        connections: [
          {
            id: 'q',
            source: { id: 'probe' },
            relationships: ['success'],
            destination: { id: 'sink' },
            backPressure: { objectThreshold: 2 },
          },
        ],
      },
      [probe(seen), TestSink],
    );

    // When it runs twice while the sink is stopped
    expect(await handle.engine.runOnce('probe')).toEqual({ ok: true });
    expect(await handle.engine.runOnce('probe')).toEqual({ ok: true });

    // Then the first run saw both relationships with room, the second only the auto-terminated one
    expect(seen).toEqual([
      { available: ['extra', 'success'], incoming: false, connected: ['success'] },
      { available: ['extra'], incoming: false, connected: ['success'] },
    ]);
  });

  it('tells a processor whether a connection feeds it', async () => {
    const seen: Seen[] = [];
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'incoming',
        processors: [
          { id: 'source', type: 'TestSource', name: 'Source', position },
          {
            id: 'probe',
            type: 'Probe',
            name: 'Probe',
            position,
            autoTerminatedRelationships: ['success', 'extra'],
          },
        ],
        connections: [
          {
            id: 'in',
            source: { id: 'source' },
            relationships: ['success'],
            destination: { id: 'probe' },
          },
        ],
      },
      [probe(seen), TestSource],
    );
    expect(await handle.engine.runOnce('probe')).toEqual({ ok: true });
    // Then it sees its input, and no connection leaving it (both relationships auto-terminated)
    expect(seen).toEqual([{ available: ['extra', 'success'], incoming: true, connected: [] }]);
  });
});
