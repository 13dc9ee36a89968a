import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialTheme, useUiStore } from './ui-store.js';

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('theme', () => {
  it('defaults to the system preference', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('dark') }));
    expect(initialTheme()).toBe('dark');
  });

  it('remembers the toggled theme in localStorage, which wins over the system', () => {
    useUiStore.setState({ theme: 'light' });
    useUiStore.getState().toggleTheme();
    expect(useUiStore.getState().theme).toBe('dark');
    expect(localStorage.getItem('sluice.theme')).toBe('dark');
    vi.stubGlobal('matchMedia', () => ({ matches: false }));
    expect(initialTheme()).toBe('dark');
  });
});

describe('panel and menu', () => {
  it('closes the context menu when a panel opens', () => {
    useUiStore.getState().openMenu({ kind: 'pane', x: 1, y: 1, at: { x: 0, y: 0 } });
    useUiStore.getState().openPanel({ kind: 'processor', id: 'a' });
    expect(useUiStore.getState()).toMatchObject({
      menu: null,
      panel: { kind: 'processor', id: 'a' },
    });
  });
});
