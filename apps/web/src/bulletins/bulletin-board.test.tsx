import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { flowView, processor } from '../testing/fixtures.js';
import { BulletinBoardHost } from './bulletin-board.js';
import { useBulletinBoard } from './bulletin-board-store.js';
import { EMPTY_FILTER, PAGE_SIZE } from './bulletin-query.js';
import type { BulletinQueryInput, BulletinView } from './types.js';

const calls = vi.hoisted(() => ({
  query: vi.fn<(input: unknown) => Promise<unknown>>(),
  focus: vi.fn<(id: string) => boolean>(),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: { bulletins: { query: { query: calls.query } } },
}));
vi.mock('./use-focus-component.js', () => ({ useFocusComponent: () => calls.focus }));

const bulletin = (id: number, overrides: Partial<BulletinView> = {}): BulletinView => ({
  id,
  time: 1_700_000_000_000 + id * 1000,
  level: 'ERROR',
  componentId: 'put',
  componentName: 'Put files',
  componentType: 'PutFile',
  message: `Could not write file ${id}`,
  ...overrides,
});

/** Bulletins newest first, from `newest` down, as the server pages them. */
const page = (newest: number, count: number) =>
  Array.from({ length: count }, (_, i) => bulletin(newest - i));

/** What the server was asked last. */
const lastQuery = () => calls.query.mock.calls.at(-1)?.[0] as BulletinQueryInput;
const rows = () => screen.queryAllByTestId('bulletin-row');

beforeEach(() => {
  localStorage.clear();
  useGraphStore.getState().reset(null);
  useGraphStore
    .getState()
    .setFlow(
      flowView('f', [
        processor('put', { name: 'Put files' }),
        processor('gen', { name: 'Generate' }),
      ]),
    );
  useStatsStore.getState().clear();
  useBulletinBoard.setState({ open: false, filter: EMPTY_FILTER, rows: [], more: false });
  calls.query.mockResolvedValue([bulletin(2), bulletin(1, { level: 'WARN' })]);
  calls.focus.mockReturnValue(true);
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  vi.useRealTimers();
});

function openBoard(filter = {}) {
  render(<BulletinBoardHost />);
  act(() => useBulletinBoard.getState().show(filter));
}

describe('BulletinBoard', () => {
  it('lists the flow’s bulletins newest first when it opens', async () => {
    openBoard();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lastQuery()).toEqual({ flowId: 'f', limit: PAGE_SIZE + 1 });
    expect(rows()[0]!.textContent).toContain('Could not write file 2');
    expect(rows()[0]!.getAttribute('data-level')).toBe('ERROR');
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('searches by text after typing pauses, and by level and component', async () => {
    openBoard();
    await waitFor(() => expect(rows()).toHaveLength(2));
    calls.query.mockResolvedValue([bulletin(2)]);
    fireEvent.change(screen.getByLabelText('Search bulletins'), { target: { value: 'file 2' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ text: 'file 2' }));
    await waitFor(() => expect(rows()).toHaveLength(1));

    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'ERROR' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ text: 'file 2', minLevel: 'ERROR' }));

    const components = screen.getByLabelText('Component');
    expect(
      within(components)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All components', 'Generate', 'Put files', 'The flow itself']);
    calls.query.mockResolvedValue([]);
    fireEvent.change(components, { target: { value: 'gen' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ componentId: 'gen' }));
    await waitFor(() =>
      expect(screen.getByTestId('bulletin-empty').textContent).toBe('No bulletin matches.'),
    );
  });

  it('opens filtered on a component (from a card’s badge)', async () => {
    openBoard({ componentId: 'put' });
    await waitFor(() => expect(lastQuery()).toMatchObject({ componentId: 'put' }));
    expect((screen.getByLabelText('Component') as HTMLSelectElement).value).toBe('put');
  });

  it('loads older pages with the last row as the cursor', async () => {
    calls.query.mockResolvedValue(page(200, PAGE_SIZE + 1));
    openBoard();
    await waitFor(() => expect(rows()).toHaveLength(PAGE_SIZE));
    calls.query.mockResolvedValue(page(150, 3));
    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await waitFor(() => expect(rows()).toHaveLength(PAGE_SIZE + 3));
    expect(lastQuery()).toMatchObject({ beforeId: 151 });
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('puts bulletins posted while it is open on top', async () => {
    openBoard();
    await waitFor(() => expect(rows()).toHaveLength(2));
    calls.query.mockResolvedValue([bulletin(3), bulletin(2), bulletin(1)]);
    act(() => useStatsStore.setState({ lastBulletinId: 3 }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]!.textContent).toContain('file 3');
  });

  it('shows a row’s component on the canvas and closes', async () => {
    openBoard();
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(rows()[0]!);
    expect(calls.focus).toHaveBeenCalledWith('put');
    expect(useBulletinBoard.getState().open).toBe(false);
  });

  it('says why when the bulletins cannot be read', async () => {
    calls.query.mockRejectedValue(new Error('No flow with id f'));
    openBoard();
    expect((await screen.findByRole('alert')).textContent).toContain('No flow with id f');
  });
});
