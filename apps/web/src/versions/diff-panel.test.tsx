import '../testing/xyflow-jsdom.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DiffPanel } from './diff-panel.js';
import { useDiffStore } from './diff-store.js';
import type { VersionDiffView } from './types.js';

const diff: VersionDiffView = {
  from: {
    kind: 'commit',
    version: {
      hash: '1111111111aa',
      shortHash: '11111111',
      message: 'v1',
      author: { name: 'Sluice', email: 'sluice@localhost' },
      date: '2026-11-26T12:00:00Z',
    },
  },
  to: { kind: 'working' },
  diff: {
    flow: [],
    components: [
      {
        change: 'changed',
        kind: 'processor',
        id: 'wrap',
        name: 'Wrap',
        fields: [
          { category: 'property', field: 'Search Value', before: '(.*)', after: '(?s)(^.*$)' },
          { category: 'property', field: 'Password', before: 'set', after: 'set', hidden: true },
        ],
        sketch: { type: 'ReplaceText', position: { x: 0, y: 0 } },
      },
      {
        change: 'removed',
        kind: 'processor',
        id: 'old',
        name: 'Old',
        fields: [],
        sketch: { type: 'LogAttribute', position: { x: 300, y: 0 } },
      },
    ],
  },
};

afterEach(() => {
  cleanup();
  useDiffStore.getState().clear();
});

describe('DiffPanel', () => {
  it('lists each component with its changed fields, and Exit diff clears the marks', () => {
    act(() => useDiffStore.getState().show(diff));
    render(
      <ReactFlowProvider>
        <DiffPanel />
      </ReactFlowProvider>,
    );
    const panel = screen.getByTestId('diff-panel');
    expect(panel.textContent).toContain('from 11111111 “v1” to the working copy');
    expect(panel.textContent).toContain('0 added1 removed1 changed');
    expect(panel.textContent).toContain('Search Value(.*) → (?s)(^.*$)');
    expect(panel.textContent).toContain('Passwordchanged (value hidden)');
    expect(useDiffStore.getState().marks).toEqual({ wrap: 'changed', old: 'removed' });
    expect(document.documentElement.dataset.diffing).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Exit diff' }));
    expect(useDiffStore.getState().diff).toBeNull();
    expect(useDiffStore.getState().marks).toEqual({});
  });
});
