import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { connection, flowView, processor } from '../testing/fixtures.js';
import { StatusHistoryHost } from './status-history-dialog.js';
import { useStatusHistory } from './status-history-store.js';
import type { UplotChartProps } from './uplot-chart.js';

const calls = vi.hoisted(() => ({
  history: vi.fn<(input: unknown) => Promise<unknown>>(),
  chart: vi.fn<(props: UplotChartProps) => void>(),
}));
vi.mock('../api/client.js', async (actual) => ({
  ...(await actual<typeof Client>()),
  api: { status: { history: { query: calls.history } } },
}));
// jsdom has no canvas: the chart's props are what this dialog decides, so they are checked.
vi.mock('./uplot-chart.js', () => ({
  UplotChart: (props: UplotChartProps) => {
    calls.chart(props);
    return <div data-testid="history-chart" />;
  },
}));

beforeEach(() => {
  useGraphStore.getState().reset(null);
  useGraphStore
    .getState()
    .setFlow(
      flowView(
        'f',
        [processor('gen', { name: 'Generate' }), processor('put', { name: 'Put' })],
        [connection('q', 'gen', 'put')],
      ),
    );
  calls.history.mockResolvedValue({
    componentId: 'q',
    kind: 'connection',
    intervalMs: 60_000,
    times: [60_000, 120_000],
    series: { queuedCount: [3, 7], queuedBytes: [300, 2048], inCount: [3, 4], outCount: [0, 0] },
  });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  useStatusHistory.getState().hide();
});

describe('StatusHistoryDialog', () => {
  it('charts a connection’s queued count first, with its newest value', async () => {
    render(<StatusHistoryHost />);
    act(() => useStatusHistory.getState().show({ kind: 'connection', id: 'q' }));
    expect(screen.getByRole('heading').textContent).toBe('Status history: Generate → Put');
    await screen.findByTestId('history-chart');
    expect(calls.history).toHaveBeenCalledWith({ flowId: 'f', componentId: 'q' });
    expect(calls.chart.mock.lastCall?.[0]).toMatchObject({
      data: [
        [60, 120],
        [3, 7],
      ],
      labels: ['Queued'],
    });
    expect(screen.getByTestId('history-latest').textContent).toContain('Queued7');
  });

  it('switches the chart with the metric selector', async () => {
    render(<StatusHistoryHost />);
    act(() => useStatusHistory.getState().show({ kind: 'connection', id: 'q' }));
    await screen.findByTestId('history-chart');
    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'queuedBytes' } });
    await waitFor(() => expect(screen.getByTestId('history-latest').textContent).toContain('2 KB'));
    const props = calls.chart.mock.lastCall![0];
    expect(props.data[1]).toEqual([300, 2048]);
    expect(props.format(1536)).toBe('1.5 KB');
  });

  it('says so when no point is recorded yet', async () => {
    calls.history.mockResolvedValue({
      componentId: 'gen',
      kind: 'processor',
      intervalMs: 60_000,
      times: [],
      series: {},
    });
    render(<StatusHistoryHost />);
    act(() => useStatusHistory.getState().show({ kind: 'processor', id: 'gen' }));
    expect((await screen.findByTestId('history-empty')).textContent).toContain(
      'one point a minute',
    );
    expect(screen.queryByTestId('history-chart')).toBeNull();
  });
});
