import { describe, expect, it } from 'vitest';
import { addProcessor } from './add-processor.js';
import { harness } from './testing/harness.js';

const blueprint = {
  type: 'ReplaceText',
  name: 'Wrap',
  position: { x: 10, y: 20 },
  properties: { replacementValue: 'x' },
};

describe('addProcessor', () => {
  it('given a ref, when done, the ref resolves to the new processor', async () => {
    const { server, history } = harness();
    await history.execute(addProcessor('new:1', blueprint));

    const id = history.resolve('new:1');
    expect(server.processors.get(id)).toMatchObject({ name: 'Wrap', position: { x: 10, y: 20 } });
  });

  it('when undone, the processor is deleted; when redone, it comes back under a new id the ref follows', async () => {
    const { server, history } = harness();
    await history.execute(addProcessor('new:1', blueprint));
    const first = history.resolve('new:1');

    await history.undo();
    expect(server.processors.size).toBe(0);
    await history.redo();

    const second = history.resolve('new:1');
    expect(second).not.toBe(first);
    expect(history.resolve(first)).toBe(second);
    expect(server.processors.get(second)?.properties).toEqual({ replacementValue: 'x' });
  });

  it('applies settings processors.add does not take, and removes the processor if that fails', async () => {
    const { server, history } = harness();
    const withSettings = {
      ...blueprint,
      autoTerminatedRelationships: ['failure'],
      comments: 'note',
    };
    server.failNext('processors.update', 'refused');

    await expect(history.execute(addProcessor('new:1', withSettings))).rejects.toThrow('refused');
    expect(server.processors.size).toBe(0);

    await history.execute(addProcessor('new:2', withSettings));
    expect(server.processors.get(history.resolve('new:2'))).toMatchObject({
      autoTerminatedRelationships: ['failure'],
      comments: 'note',
    });
  });
});
