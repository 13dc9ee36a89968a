import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../api/types.js';
import { configureConnection, inverseConnectionEdit } from './configure-connection.js';
import { deleteComponents } from './delete-components.js';
import { connection } from '../testing/fixtures.js';
import { harness } from './testing/harness.js';

const before: ConnectionView = connection('c1', 'a', 'b');

describe('inverseConnectionEdit', () => {
  it('gives every changed setting its old value', () => {
    expect(
      inverseConnectionEdit(before, {
        name: 'Queue',
        destination: 'c',
        relationships: ['success', 'failure'],
        backPressure: { objectThreshold: 5 },
        prioritizers: ['OLDEST_FIRST'],
        expiration: '1 min',
        bends: [{ x: 1, y: 1 }],
      }),
    ).toEqual({
      name: '',
      destination: 'b',
      relationships: ['success'],
      backPressure: { objectThreshold: 10_000 },
      prioritizers: [],
      expiration: '0 sec',
      bends: [],
    });
  });
});

describe('configureConnection', () => {
  it('undoes a change of destination even after the old destination was re-created', async () => {
    const h = harness();
    const a = await h.seedProcessor('GenerateFlowFile', 'A');
    const b = await h.seedProcessor('LogAttribute', 'B');
    const c = await h.seedProcessor('LogAttribute', 'C');
    const id = await h.seedConnection(a.id, b.id, ['success']);
    const connection = h.server.connections.get(id)!;
    await h.history.execute(
      configureConnection(connection, { destination: c.id, backPressure: { objectThreshold: 3 } }),
    );
    // B is deleted and restored: it comes back under a new id.
    await h.history.execute(
      deleteComponents(
        {
          processors: [...h.server.processors.values()],
          connections: [...h.server.connections.values()],
          labels: [],
        },
        { processors: [b.id], connections: [], labels: [] },
      )!,
    );
    await h.history.undo();

    await h.history.undo();

    const restored = h.server.connections.get(id)!;
    expect(restored.destination.id).toBe(h.history.resolve(b.id));
    expect(restored.destination.id).not.toBe(b.id);
    expect(restored.backPressure.objectThreshold).toBe(10_000);
  });
});
