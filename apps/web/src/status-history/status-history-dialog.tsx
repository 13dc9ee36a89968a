import { useCallback, useMemo, useState } from 'react';
import { Modal } from '../chrome/modal.js';
import { useGraphStore, type GraphState } from '../stores/graph-store.js';
import { alignedData, formatValue, latestValues } from './history-series.js';
import { chartOf, METRIC_CHARTS } from './metrics.js';
import { useStatusHistory, type HistoryTarget } from './status-history-store.js';
import { UplotChart } from './uplot-chart.js';
import { useHistory } from './use-history.js';
import '../chrome/dialog.css';
import './status-history.css';

/** The status history dialog when one is open (mounted once in the editor). */
export function StatusHistoryHost() {
  const target = useStatusHistory((s) => s.target);
  return target ? (
    <StatusHistoryDialog key={`${target.kind}:${target.id}`} target={target} />
  ) : null;
}

/** What the dialog's title calls the component: a processor's name, a connection's ends. */
function nameOf(graph: GraphState, target: HistoryTarget): string {
  const processorName = (id: string) => graph.processors.find((p) => p.id === id)?.name ?? id;
  if (target.kind === 'processor') return processorName(target.id);
  const connection = graph.connections.find((c) => c.id === target.id);
  if (!connection) return target.id;
  const ends = `${processorName(connection.source.id)} → ${processorName(connection.destination.id)}`;
  return connection.name ? `${connection.name} (${ends})` : ends;
}

/** How often points are recorded, as the subtitle says it. */
function describeInterval(intervalMs: number): string {
  if (intervalMs % 60_000 === 0) {
    const minutes = intervalMs / 60_000;
    return minutes === 1 ? 'one point a minute' : `one point every ${minutes} minutes`;
  }
  return `one point every ${intervalMs / 1000} s`;
}

/**
 * The status history of a processor or a connection: a chart of the chosen metric over the
 * recorded points (24 hours at most), its newest values, and uPlot's legend with the values at
 * the cursor. It reads the history again as new points come in.
 */
function StatusHistoryDialog({ target }: { readonly target: HistoryTarget }) {
  const flowId = useGraphStore((s) => s.flowId);
  const name = useGraphStore((s) => nameOf(s, target));
  const { history, error } = useHistory(flowId, target.id);
  const [chartId, setChartId] = useState(METRIC_CHARTS[target.kind][0]!.id);
  const chart = chartOf(target.kind, chartId);
  const data = useMemo(() => (history ? alignedData(history, chart) : null), [history, chart]);
  const format = useCallback((value: number) => formatValue(chart.unit, value), [chart.unit]);
  const labels = useMemo(() => chart.lines.map((line) => line.label), [chart]);
  const hide = useStatusHistory((s) => s.hide);
  const kindName = target.kind === 'processor' ? 'Processor' : 'Connection';

  return (
    <Modal
      className="dialog status-history-dialog"
      labelledBy="status-history-title"
      testId="status-history"
      onClose={hide}
    >
      <h2 id="status-history-title">Status history: {name}</h2>
      <p className="dialog-subtitle">
        {kindName}, {history ? describeInterval(history.intervalMs) : 'one point a minute'}, kept
        for 24 hours and across restarts.
      </p>
      <label className="history-metric">
        <span>Metric</span>
        <select value={chart.id} onChange={(event) => setChartId(event.target.value)}>
          {METRIC_CHARTS[target.kind].map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="dialog-error" role="alert">
          Could not read the status history: {error}
        </p>
      )}
      {!history && !error && <p className="history-empty">Reading the history…</p>}
      {history && data && (
        <>
          <div className="history-latest" data-testid="history-latest">
            <span className="history-latest-caption">Newest point</span>
            <dl aria-label="Newest point">
              {latestValues(history, chart).map((entry) => (
                <div
                  key={entry.label}
                  data-testid="history-latest-value"
                  data-value={entry.value ?? ''}
                >
                  <dt>{entry.label}</dt>
                  <dd>{entry.value === null ? '–' : format(entry.value)}</dd>
                </div>
              ))}
            </dl>
          </div>
          {history.times.length === 0 ? (
            <p className="history-empty" data-testid="history-empty">
              No point recorded yet: Sluice records {describeInterval(history.intervalMs)}.
            </p>
          ) : (
            <UplotChart data={data} labels={labels} format={format} />
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn primary" autoFocus onClick={hide}>
          Close
        </button>
      </div>
    </Modal>
  );
}
