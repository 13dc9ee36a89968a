import type { HistoryKind } from './types.js';

/** How a metric's values read: flowfile counts, bytes, or milliseconds of task time. */
export type MetricUnit = 'count' | 'bytes' | 'millis';

/** One line of a chart: a metric of the history and its legend label. */
export interface MetricLine {
  readonly key: string;
  readonly label: string;
}

/** What the metric selector offers: one chart of lines sharing a unit. */
export interface MetricChart {
  readonly id: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly lines: readonly MetricLine[];
}

const IN_OUT_COUNTS: MetricChart = {
  id: 'counts',
  label: 'Flowfiles in / out (5 min)',
  unit: 'count',
  lines: [
    { key: 'inCount', label: 'In' },
    { key: 'outCount', label: 'Out' },
  ],
};

const IN_OUT_BYTES: MetricChart = {
  id: 'bytes',
  label: 'Bytes in / out (5 min)',
  unit: 'bytes',
  lines: [
    { key: 'inBytes', label: 'In' },
    { key: 'outBytes', label: 'Out' },
  ],
};

/**
 * The charts of each kind of component, first the one a dialog opens on. Processor counters are
 * 5-minute totals at each point, as NiFi's status history; queued figures are what was queued.
 */
export const METRIC_CHARTS: Readonly<Record<HistoryKind, readonly MetricChart[]>> = {
  processor: [
    IN_OUT_COUNTS,
    IN_OUT_BYTES,
    {
      id: 'io',
      label: 'Bytes read / written (5 min)',
      unit: 'bytes',
      lines: [
        { key: 'bytesRead', label: 'Read' },
        { key: 'bytesWritten', label: 'Written' },
      ],
    },
    {
      id: 'tasks',
      label: 'Tasks (5 min)',
      unit: 'count',
      lines: [{ key: 'tasks', label: 'Tasks' }],
    },
    {
      id: 'taskTime',
      label: 'Task time (5 min)',
      unit: 'millis',
      lines: [{ key: 'taskMillis', label: 'Task time' }],
    },
  ],
  connection: [
    {
      id: 'queuedCount',
      label: 'Queued flowfiles',
      unit: 'count',
      lines: [{ key: 'queuedCount', label: 'Queued' }],
    },
    {
      id: 'queuedBytes',
      label: 'Queued bytes',
      unit: 'bytes',
      lines: [{ key: 'queuedBytes', label: 'Queued' }],
    },
    IN_OUT_COUNTS,
    IN_OUT_BYTES,
  ],
};

/** The chart of `kind` with this id, else the kind's first. */
export function chartOf(kind: HistoryKind, id: string): MetricChart {
  const charts = METRIC_CHARTS[kind];
  return charts.find((chart) => chart.id === id) ?? charts[0]!;
}
