import { describe, expect, it } from 'vitest';
import { CommandRegistry } from './registry.js';
import { fakeServer } from './testing/fake-api.js';
import type { Command } from './types.js';

/** A command that records what ran, optionally failing or waiting. */
function recorder(
  log: string[],
  name: string,
  options: { failDo?: boolean; failUndo?: boolean; wait?: Promise<void> } = {},
): Command {
  return {
    label: name,
    async do() {
      await options.wait;
      if (options.failDo) throw new Error(`${name} refused`);
      log.push(`do ${name}`);
    },
    async undo() {
      if (options.failUndo) throw new Error(`undo ${name} refused`);
      log.push(`undo ${name}`);
    },
  };
}

function registry() {
  const r = new CommandRegistry(fakeServer().api);
  r.reset('flow');
  return r;
}

describe('CommandRegistry', () => {
  it('given executed commands, undo reverts the newest and redo applies it again', async () => {
    const log: string[] = [];
    const r = registry();
    await r.execute(recorder(log, 'a'));
    await r.execute(recorder(log, 'b'));

    expect((await r.undo())?.label).toBe('b');
    expect(r.getSnapshot()).toMatchObject({
      canUndo: true,
      canRedo: true,
      undoLabel: 'a',
      redoLabel: 'b',
    });
    expect((await r.redo())?.label).toBe('b');

    expect(log).toEqual(['do a', 'do b', 'undo b', 'do b']);
    expect(r.getSnapshot()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'b' });
  });

  it('drops the redo stack when a new command runs', async () => {
    const log: string[] = [];
    const r = registry();
    await r.execute(recorder(log, 'a'));
    await r.undo();
    await r.execute(recorder(log, 'b'));

    expect(r.getSnapshot().canRedo).toBe(false);
    expect(await r.redo()).toBeUndefined();
  });

  it('does not record a command whose do fails, and rethrows its error', async () => {
    const log: string[] = [];
    const r = registry();
    await expect(r.execute(recorder(log, 'a', { failDo: true }))).rejects.toThrow('a refused');

    expect(r.getSnapshot().canUndo).toBe(false);
  });

  it('keeps a command on the undo stack when its undo fails, so it can be tried again', async () => {
    const log: string[] = [];
    const r = registry();
    await r.execute(recorder(log, 'a', { failUndo: true }));

    await expect(r.undo()).rejects.toThrow('undo a refused');

    expect(r.getSnapshot()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'a' });
  });

  it('runs commands one at a time in call order, so an undo never overtakes its edit', async () => {
    const log: string[] = [];
    const r = registry();
    let release!: () => void;
    const wait = new Promise<void>((resolve) => (release = resolve));
    const slow = r.execute(recorder(log, 'slow', { wait }));
    const undo = r.undo();
    expect(r.getSnapshot().busy).toBe(true);
    release();
    await Promise.all([slow, undo]);

    expect(log).toEqual(['do slow', 'undo slow']);
    expect(r.getSnapshot().busy).toBe(false);
  });

  it('forgets the oldest commands beyond its limit', async () => {
    const r = new CommandRegistry(fakeServer().api, { limit: 2 });
    r.reset('flow');
    const log: string[] = [];
    for (const name of ['a', 'b', 'c']) await r.execute(recorder(log, name));

    await r.undo();
    await r.undo();

    expect(await r.undo()).toBeUndefined();
    expect(log.slice(-2)).toEqual(['undo c', 'undo b']);
  });

  it('resolves ids through chains of aliases recorded by commands', async () => {
    const r = registry();
    const alias = (from: string, to: string): Command => ({
      label: 'alias',
      async do(ctx) {
        ctx.alias(ctx.resolve(from), to);
      },
      async undo() {},
    });
    await r.execute(alias('A', 'B'));
    await r.execute(alias('A', 'C'));

    expect(r.resolve('A')).toBe('C');
    expect(r.resolve('B')).toBe('C');
    expect(r.resolve('X')).toBe('X');
  });

  it('starts an empty history, without aliases, when another flow is opened', async () => {
    const log: string[] = [];
    const r = registry();
    await r.execute(recorder(log, 'a'));
    r.reset('other');

    expect(r.getSnapshot()).toMatchObject({ canUndo: false, canRedo: false });
    expect(r.flowId).toBe('other');
  });

  it('notifies listeners only when what the toolbar shows changes', async () => {
    const r = registry();
    let calls = 0;
    r.subscribe(() => calls++);
    const before = r.getSnapshot();
    await r.execute(recorder([], 'a'));

    expect(calls).toBeGreaterThan(0);
    expect(r.getSnapshot()).not.toBe(before);
    const after = r.getSnapshot();
    expect(r.getSnapshot()).toBe(after);
  });
});
