import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake queue of 250 flowfiles; every tenth is in group "blue". */
const queue = vi.hoisted(() => ({
  ids: [] as string[],
  listed: [] as { offset: number; limit: number; filter?: string; attribute?: string }[],
  emptied: 0,
}));

vi.mock('../api/client.js', () => ({
  errorMessage: (e: unknown) => String(e),
  api: {
    queues: {
      list: {
        query: async (input: {
          offset: number;
          limit: number;
          filter?: string;
          attribute?: string;
        }) => {
          queue.listed.push(input);
          const matching = queue.ids
            .map((id, i) => ({ id, i }))
            .filter(({ i }) => !input.filter || (i % 10 === 0 && input.filter === 'blue'));
          return {
            connection: { id: 'c', name: 'success' },
            total: matching.length,
            queued: queue.ids.length,
            offset: input.offset,
            flowFiles: matching
              .slice(input.offset, input.offset + input.limit)
              .map(({ id, i }) => ({
                position: i + 1,
                id,
                filename: `${id}.txt`,
                size: 10,
                queuedDate: 0,
                entryDate: 0,
                lineageStartDate: 0,
                penalizedUntil: 0,
              })),
          };
        },
      },
    },
    connections: {
      empty: {
        mutate: async () => {
          const dropped = queue.ids.length;
          queue.ids = [];
          queue.emptied++;
          return { dropped };
        },
      },
    },
  },
}));
vi.mock('../actions/load.js', () => ({ reloadFlow: async () => undefined }));

const { QueueInspector } = await import('./queue-inspector.js');
const { EmptyQueueDialog } = await import('./empty-queue-dialog.js');
const { useQueueInspectorStore } = await import('./inspector-store.js');
const { useGraphStore } = await import('../stores/graph-store.js');
const { useStatsStore } = await import('../stores/stats-store.js');

beforeEach(() => {
  queue.ids = Array.from({ length: 250 }, (_, i) => `ff-${i}`);
  queue.listed = [];
  useGraphStore.setState({ flowId: 'f' });
  useStatsStore.setState({
    connections: {
      c: { id: 'c', queued: { count: 250, bytes: 2500 } } as never,
    },
  });
  act(() => useQueueInspectorStore.getState().open('c'));
});

afterEach(() => {
  cleanup();
  act(() => {
    useQueueInspectorStore.getState().close();
    useQueueInspectorStore.getState().requestEmpty(null);
  });
});

const range = () => screen.getByTestId('queue-range').textContent;

describe('QueueInspector', () => {
  it('pages through the queue', async () => {
    render(<QueueInspector />);
    await waitFor(() => expect(range()).toBe('1–100 of 250'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(range()).toBe('101–200 of 250'));
    fireEvent.click(screen.getByRole('button', { name: 'Last' }));
    await waitFor(() => expect(range()).toBe('201–250 of 250'));
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Page size'), { target: { value: '25' } });
    await waitFor(() => expect(range()).toBe('1–25 of 250'));
    expect(screen.getAllByTestId('queue-row')).toHaveLength(25);
  });

  it('filters once the typing pauses, from the first page', async () => {
    render(<QueueInspector />);
    await waitFor(() => expect(range()).toBe('1–100 of 250'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(range()).toBe('101–200 of 250'));
    fireEvent.change(screen.getByLabelText('Attribute'), { target: { value: 'group' } });
    for (const text of ['b', 'bl', 'blu', 'blue']) {
      fireEvent.change(screen.getByLabelText('Filter'), { target: { value: text } });
    }
    await waitFor(() => expect(range()).toBe('1–25 of 25 (of 250 queued)'));
    // One request for the whole word, not one per keystroke.
    expect(queue.listed.filter((q) => q.filter !== undefined)).toEqual([
      expect.objectContaining({ filter: 'blue', attribute: 'group', offset: 0 }),
    ]);
  });

  it('empties the queue only after confirmation, then shows how many went', async () => {
    render(
      <>
        <QueueInspector />
        <EmptyQueueDialog />
      </>,
    );
    await waitFor(() => expect(range()).toBe('1–100 of 250'));
    fireEvent.click(screen.getByRole('button', { name: 'Empty queue' }));
    expect(screen.getByTestId('empty-queue-question').textContent).toMatch(
      /^Drop the 250 flowfiles queued in this connection\?/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('empty-queue-dialog')).toBeNull();
    expect(queue.emptied).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'Empty queue' }));
    const dialog = screen.getByTestId('empty-queue-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Empty queue' }));
    await waitFor(() =>
      expect(screen.getByTestId('empty-queue-result').textContent).toBe('Dropped 250 flowfiles.'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('queue-empty').textContent).toBe('The queue is empty.'),
    );
    expect(queue.emptied).toBe(1);
  });
});
