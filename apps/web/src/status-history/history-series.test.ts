import { describe, expect, it } from 'vitest';
import { alignedData, formatValue, latestValues } from './history-series.js';
import { chartOf } from './metrics.js';
import type { StatusHistoryView } from './types.js';

const history = (times: number[], series: Record<string, number[]>): StatusHistoryView => ({
  componentId: 'c',
  kind: 'connection',
  intervalMs: 60_000,
  times,
  series,
});

describe('status history → uPlot data', () => {
  it('gives times in seconds and one column per line of the chart', () => {
    const h = history([60_000, 120_000], { inCount: [1, 2], outCount: [0, 3] });
    expect(alignedData(h, chartOf('connection', 'counts'))).toEqual([
      [60, 120],
      [1, 2],
      [0, 3],
    ]);
  });

  it('breaks the line where points are far apart (the server was down)', () => {
    const h = history([60_000, 120_000, 600_000], { queuedCount: [4, 5, 6] });
    expect(alignedData(h, chartOf('connection', 'queuedCount'))).toEqual([
      [60, 120, 180, 600],
      [4, 5, null, 6],
    ]);
  });

  it('reads a metric missing from the answer as zero, and no point as empty columns', () => {
    const h = history([60_000], {});
    expect(alignedData(h, chartOf('processor', 'tasks'))).toEqual([[60], [0]]);
    expect(alignedData(history([], {}), chartOf('processor', 'counts'))).toEqual([[], [], []]);
  });

  it('takes each line’s newest value for the legend', () => {
    const h = history([60_000, 120_000], { queuedBytes: [100, 2048] });
    expect(latestValues(h, chartOf('connection', 'queuedBytes'))).toEqual([
      { label: 'Queued', value: 2048 },
    ]);
    expect(latestValues(history([], {}), chartOf('connection', 'queuedBytes'))).toEqual([
      { label: 'Queued', value: null },
    ]);
  });

  it('falls back to the kind’s first chart for an unknown id', () => {
    expect(chartOf('processor', 'nope').id).toBe('counts');
    expect(chartOf('connection', 'nope').id).toBe('queuedCount');
  });

  it('formats values in the chart’s unit', () => {
    expect(formatValue('count', 12345.4)).toBe('12,345');
    expect(formatValue('bytes', 1536)).toBe('1.5 KB');
    expect(formatValue('millis', 250)).toBe('250 ms');
    expect(formatValue('millis', 2500)).toBe('2.5 s');
  });
});
