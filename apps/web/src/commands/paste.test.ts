import { describe, expect, it } from 'vitest';
import { clipboardOf, pasteClipboard } from './paste.js';
import { harness } from './testing/harness.js';

function refs() {
  let n = 0;
  return () => `ref:${++n}`;
}

describe('clipboardOf', () => {
  it('keeps the selected processors and only the connections between them', async () => {
    const h = harness();
    const a = await h.seedProcessor('GenerateFlowFile', 'A');
    const b = await h.seedProcessor('ReplaceText', 'B');
    const c = await h.seedProcessor('LogAttribute', 'C');
    const ab = await h.seedConnection(a.id, b.id, ['success']);
    await h.seedConnection(b.id, c.id, ['success']);
    const all = [...h.server.processors.values()];
    const connections = [...h.server.connections.values()];

    const clipboard = clipboardOf(all, connections, [a.id, b.id])!;

    expect(clipboard.processors.map((p) => p.name)).toEqual(['A', 'B']);
    expect(clipboard.connections.map((x) => x.id)).toEqual([ab]);
    expect(clipboardOf(all, connections, [])).toBeNull();
  });
});

describe('pasteClipboard', () => {
  it('adds offset copies and connects the copies; undo removes them and redo brings them back', async () => {
    const h = harness();
    const a = await h.seedProcessor('GenerateFlowFile', 'A', 0);
    const b = await h.seedProcessor('ReplaceText', 'B', 300);
    await h.seedConnection(a.id, b.id, ['success']);
    const clipboard = clipboardOf(
      [...h.server.processors.values()],
      [...h.server.connections.values()],
      [a.id, b.id],
    )!;

    const paste = pasteClipboard(clipboard, { x: 40, y: 40 }, refs());
    await h.history.execute(paste.command);

    const [copyA, copyB] = paste.refs.map((r) => h.server.processors.get(h.history.resolve(r))!);
    expect(copyA).toMatchObject({ name: 'A', position: { x: 40, y: 40 } });
    expect(copyB).toMatchObject({ name: 'B', position: { x: 340, y: 40 } });
    const copied = [...h.server.connections.values()].at(-1)!;
    expect([copied.source.id, copied.destination.id]).toEqual([copyA!.id, copyB!.id]);
    expect(paste.command.label).toBe('Paste 2 processors');

    await h.history.undo();
    expect(h.server.processors.size).toBe(2);
    expect(h.server.connections.size).toBe(1);

    await h.history.redo();
    expect(h.server.processors.size).toBe(4);
    expect(h.server.connections.size).toBe(2);
  });

  it('rolls back the copies already made when a later one fails', async () => {
    const h = harness();
    const a = await h.seedProcessor('GenerateFlowFile', 'A');
    const b = await h.seedProcessor('ReplaceText', 'B');
    await h.seedConnection(a.id, b.id, ['success']);
    const clipboard = clipboardOf(
      [...h.server.processors.values()],
      [...h.server.connections.values()],
      [a.id, b.id],
    )!;
    h.server.failNext('connections.add', 'refused');

    await expect(
      h.history.execute(pasteClipboard(clipboard, { x: 40, y: 40 }, refs()).command),
    ).rejects.toThrow('refused');

    expect(h.server.processors.size).toBe(2);
  });
});
