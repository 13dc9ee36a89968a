import { describe, expect, it } from 'vitest';
import { configureProcessor } from './configure-processor.js';
import { deleteComponents, type FlowComponents } from './delete-components.js';
import { moveComponents } from './move-components.js';
import { harness, type Harness } from './testing/harness.js';

const none = { processors: [], connections: [], labels: [] };

function flowOf(h: Harness): FlowComponents {
  return {
    processors: [...h.server.processors.values()],
    connections: [...h.server.connections.values()],
    labels: [...h.server.labels.values()],
  };
}

/** Generate → Wrap → Log, with Wrap configured and disabled. */
async function pipeline(h: Harness) {
  const gen = await h.seedProcessor('GenerateFlowFile', 'Generate', 0);
  const wrap = await h.seedProcessor('ReplaceText', 'Wrap', 300);
  const log = await h.seedProcessor('LogAttribute', 'Log', 600);
  await h.server.api.processors.update.mutate({
    flowId: 'flow',
    id: wrap.id,
    properties: { replacementValue: '[$1]' },
    scheduling: { period: '5 sec' },
    autoTerminatedRelationships: ['failure'],
  });
  await h.server.api.processors.disable.mutate({ flowId: 'flow', ids: wrap.id });
  const first = await h.seedConnection(gen.id, wrap.id, ['success']);
  const second = await h.seedConnection(wrap.id, log.id, ['success']);
  return { gen: gen.id, wrap: wrap.id, log: log.id, first, second };
}

describe('deleteComponents', () => {
  it('returns null for an empty selection', () => {
    expect(deleteComponents(none, { processors: [], connections: [], labels: [] })).toBeNull();
  });

  it('deletes a processor with its connections; undo re-creates both, with new ids aliased from the old', async () => {
    const h = harness();
    const ids = await pipeline(h);
    const command = deleteComponents(flowOf(h), {
      processors: [ids.wrap],
      connections: [],
      labels: [],
    })!;
    expect(command.label).toBe('Delete 1 processor, 2 connections');

    await h.history.execute(command);
    expect(h.server.processors.has(ids.wrap)).toBe(false);
    expect(h.server.connections.size).toBe(0);

    await h.history.undo();
    const wrap = h.history.resolve(ids.wrap);
    expect(wrap).not.toBe(ids.wrap);
    expect(h.server.processors.get(wrap)).toMatchObject({
      name: 'Wrap',
      position: { x: 300, y: 0 },
      properties: { replacementValue: '[$1]' },
      scheduling: { period: '5 sec' },
      autoTerminatedRelationships: ['failure'],
      state: 'DISABLED',
    });
    const restored = [...h.server.connections.values()].map((c) => [c.source.id, c.destination.id]);
    expect(restored).toEqual([
      [ids.gen, wrap],
      [wrap, ids.log],
    ]);
    expect(h.server.connections.has(h.history.resolve(ids.first))).toBe(true);
  });

  it('redo deletes the re-created components, found through their aliases', async () => {
    const h = harness();
    const ids = await pipeline(h);
    await h.history.execute(
      deleteComponents(flowOf(h), { processors: [ids.wrap], connections: [], labels: [] })!,
    );
    await h.history.undo();
    await h.history.redo();

    expect(h.server.processors.size).toBe(2);
    expect(h.server.connections.size).toBe(0);

    await h.history.undo();
    expect(h.server.processors.size).toBe(3);
    expect(h.history.resolve(ids.wrap)).toBe([...h.server.processors.values()][2]!.id);
  });

  it('lets older commands address a processor that an undo of its delete re-created', async () => {
    const h = harness();
    const ids = await pipeline(h);
    const wrap = h.server.processors.get(ids.wrap)!;
    await h.history.execute(configureProcessor(wrap, { name: 'Wrap it' }));
    await h.history.execute(
      moveComponents([
        { kind: 'processor', id: ids.wrap, from: { x: 300, y: 0 }, to: { x: 10, y: 10 } },
      ]),
    );
    await h.history.execute(
      deleteComponents(flowOf(h), { processors: [ids.wrap], connections: [], labels: [] })!,
    );

    await h.history.undo(); // delete
    await h.history.undo(); // move
    await h.history.undo(); // configure

    const now = h.server.processors.get(h.history.resolve(ids.wrap))!;
    expect(now).toMatchObject({ name: 'Wrap', position: { x: 300, y: 0 } });
    await h.history.redo();
    expect(h.server.processors.get(h.history.resolve(ids.wrap))?.name).toBe('Wrap it');
  });

  it('deletes a selected connection and a label on their own and restores them', async () => {
    const h = harness();
    const ids = await pipeline(h);
    const label = await h.server.api.labels.add.mutate({
      flowId: 'flow',
      text: 'Note',
      position: { x: 1, y: 2 },
      style: { fontSize: 18 },
    });
    await h.history.execute(
      deleteComponents(flowOf(h), {
        processors: [],
        connections: [ids.second],
        labels: [label.id],
      })!,
    );
    expect([...h.server.connections.keys()]).toEqual([ids.first]);
    expect(h.server.labels.size).toBe(0);

    await h.history.undo();
    expect(h.server.connections.get(h.history.resolve(ids.second))).toMatchObject({
      source: { id: ids.wrap },
      destination: { id: ids.log },
      relationships: ['success'],
    });
    expect(h.server.labels.get(h.history.resolve(label.id))).toMatchObject({
      text: 'Note',
      position: { x: 1, y: 2 },
      style: { fontSize: 18 },
    });
  });

  it('puts everything back when a later step of the delete fails', async () => {
    const h = harness();
    const ids = await pipeline(h);
    const label = await h.server.api.labels.add.mutate({
      flowId: 'flow',
      text: 'Note',
      position: { x: 0, y: 0 },
    });
    h.server.failNext('labels.delete', 'label refused');

    await expect(
      h.history.execute(
        deleteComponents(flowOf(h), {
          processors: [ids.log],
          connections: [],
          labels: [label.id],
        })!,
      ),
    ).rejects.toThrow('label refused');

    expect(h.server.processors.size).toBe(3);
    expect(h.server.connections.size).toBe(2);
    expect(h.server.labels.size).toBe(1);
    expect(h.history.getSnapshot().canUndo).toBe(false);
  });
});
