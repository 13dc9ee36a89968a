import { describe, expect, it } from 'vitest';
import { moveComponents } from './move-components.js';
import { harness } from './testing/harness.js';

describe('moveComponents', () => {
  it('moves processors and labels to where they were dropped, and back on undo', async () => {
    const h = harness();
    const p = await h.seedProcessor('LogAttribute', 'Log');
    const label = await h.server.api.labels.add.mutate({
      flowId: 'flow',
      text: 'note',
      position: { x: 5, y: 5 },
    });
    const command = moveComponents([
      { kind: 'processor', id: p.id, from: { x: 0, y: 0 }, to: { x: 100, y: 50 } },
      { kind: 'label', id: label.id, from: { x: 5, y: 5 }, to: { x: 300, y: 300 } },
    ]);

    await h.history.execute(command);
    expect(h.server.processors.get(p.id)?.position).toEqual({ x: 100, y: 50 });
    expect(h.server.labels.get(label.id)?.position).toEqual({ x: 300, y: 300 });

    await h.history.undo();
    expect(h.server.processors.get(p.id)?.position).toEqual({ x: 0, y: 0 });
    expect(h.server.labels.get(label.id)?.position).toEqual({ x: 5, y: 5 });
    expect(command.label).toBe('Move 2 components');
  });
});
