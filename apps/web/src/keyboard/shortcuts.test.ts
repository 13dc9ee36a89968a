import { describe, expect, it } from 'vitest';
import { belongsToTarget, shortcutOf, type KeyPress } from './shortcuts.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutOf', () => {
  it('maps undo and both redo combinations, with Ctrl or Cmd', () => {
    expect(shortcutOf(press('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(press('z', { metaKey: true }))).toBe('undo');
    expect(shortcutOf(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(press('y', { ctrlKey: true }))).toBe('redo');
  });

  it('tells s (start) from Shift+S (stop) and from Ctrl+S (nothing)', () => {
    expect(shortcutOf(press('s'))).toBe('start');
    expect(shortcutOf(press('S', { shiftKey: true }))).toBe('stop');
    expect(shortcutOf(press('s', { ctrlKey: true }))).toBeNull();
  });

  it('maps Delete and Backspace to delete, and the clipboard keys', () => {
    expect(shortcutOf(press('Delete'))).toBe('delete');
    expect(shortcutOf(press('Backspace'))).toBe('delete');
    expect(shortcutOf(press('c', { ctrlKey: true }))).toBe('copy');
    expect(shortcutOf(press('v', { metaKey: true }))).toBe('paste');
    expect(shortcutOf(press('?', { shiftKey: true }))).toBe('help');
  });
});

describe('belongsToTarget', () => {
  it('leaves keys typed in fields, dialogs and the side panel to them', () => {
    document.body.innerHTML = `
      <input id="field" />
      <div role="dialog"><button id="in-dialog"></button></div>
      <aside class="side-panel"><button id="in-panel"></button></aside>
      <div id="canvas"></div>`;
    const byId = (id: string) => document.getElementById(id);
    expect(belongsToTarget(byId('field'))).toBe(true);
    expect(belongsToTarget(byId('in-dialog'))).toBe(true);
    expect(belongsToTarget(byId('in-panel'))).toBe(true);
    expect(belongsToTarget(byId('canvas'))).toBe(false);
    expect(belongsToTarget(null)).toBe(false);
  });
});
