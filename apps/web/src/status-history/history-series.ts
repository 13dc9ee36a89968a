import { formatBytes, formatCount } from '../format.js';
import type { MetricChart, MetricUnit } from './metrics.js';
import type { StatusHistoryView } from './types.js';

/**
 * uPlot's aligned data: the x values (seconds since the epoch, uPlot's time unit), then one
 * column of y values per line, null where there is no point (a gap).
 */
export type AlignedColumns = [number[], ...(number | null)[][]];

/** Points further apart than this many recording intervals have a gap between them. */
const GAP_INTERVALS = 2.5;

/**
 * The history's columns for one chart, as uPlot takes them. Where points are much further apart
 * than the recording interval (the server was down), a null point is put in, so the line breaks
 * there instead of drawing a straight line across hours nobody recorded.
 */
export function alignedData(history: StatusHistoryView, chart: MetricChart): AlignedColumns {
  const xs: number[] = [];
  const ys: (number | null)[][] = chart.lines.map(() => []);
  const gap = history.intervalMs * GAP_INTERVALS;
  history.times.forEach((time, index) => {
    const previous = history.times[index - 1];
    if (previous !== undefined && time - previous > gap) {
      xs.push((previous + history.intervalMs) / 1000);
      for (const column of ys) column.push(null);
    }
    xs.push(time / 1000);
    chart.lines.forEach((line, lineIndex) => {
      ys[lineIndex]!.push(history.series[line.key]?.[index] ?? 0);
    });
  });
  return [xs, ...ys];
}

/** Each line's label and its newest value (null before the first point), for the legend. */
export function latestValues(
  history: StatusHistoryView,
  chart: MetricChart,
): { readonly label: string; readonly value: number | null }[] {
  const last = history.times.length - 1;
  return chart.lines.map((line) => ({
    label: line.label,
    value: last < 0 ? null : (history.series[line.key]?.[last] ?? 0),
  }));
}

/** A value as the axis and the legend show it, in the chart's unit. */
export function formatValue(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'count':
      return formatCount(Math.round(value));
    case 'bytes':
      return formatBytes(value);
    case 'millis':
      return value >= 1000
        ? `${(value / 1000).toFixed(1).replace(/\.0$/, '')} s`
        : `${Math.round(value)} ms`;
    default: {
      const _exhaustive: never = unit;
      return _exhaustive;
    }
  }
}
