import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatTime } from '../bulletins/format-time.js';
import { useUiStore } from '../stores/ui-store.js';
import { chartColours, translucent } from './chart-theme.js';
import type { AlignedColumns } from './history-series.js';
import './status-history.css';

/** Props of {@link UplotChart}. */
export interface UplotChartProps {
  /** Times (seconds) and one column per line. */
  readonly data: AlignedColumns;
  /** The legend label of each line, in the order of the data's columns. */
  readonly labels: readonly string[];
  /** How the y axis and the legend write a value. */
  format(value: number): string;
  readonly height?: number;
}

/**
 * A time-series chart drawn by uPlot, sized to its container and redrawn in the theme's colours.
 * The chart is built again when its lines, format or theme change; new data only replaces the
 * data. The legend under it shows the values at the cursor (uPlot's live legend).
 */
export function UplotChart({ data, labels, format, height = 240 }: UplotChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  const theme = useUiStore((s) => s.theme);
  const labelKey = labels.join('\u0000');

  // Declared first, so it runs before the chart is built: a new chart starts with the newest data.
  useLayoutEffect(() => {
    latest.current = data;
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    const colours = chartColours(element);
    const show = (value: number | null | undefined) => (value == null ? '–' : format(value));
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      series: [
        {
          label: 'Time',
          value: (_u, v: number | null) => (v == null ? '–' : formatTime(v * 1000)),
        },
        ...labelKey.split('\u0000').map((label, i): uPlot.Series => {
          const colour = colours.lines[i % colours.lines.length]!;
          return {
            label,
            stroke: colour,
            fill: translucent(colour, 0.12),
            width: 2,
            spanGaps: false,
            points: { show: false },
            value: (_u, v: number | null) => show(v),
          };
        }),
      ],
      axes: [
        {
          stroke: colours.axis,
          grid: { stroke: colours.grid, width: 1 },
          ticks: { stroke: colours.grid },
        },
        {
          stroke: colours.axis,
          grid: { stroke: colours.grid, width: 1 },
          ticks: { stroke: colours.grid },
          size: 72,
          values: (_u, splits) => splits.map((v) => format(v)),
        },
      ],
      // Counts and bytes are never negative; an all-zero history still gets a visible axis.
      scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      legend: { live: true },
    };
    const plot = new uPlot(options, latest.current as uPlot.AlignedData, element);
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = null;
    };
  }, [labelKey, format, height, theme]);

  // Follows the dialog's width (a window resize, a narrower screen).
  useEffect(() => {
    const element = host.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const width = Math.max(element.clientWidth, 200);
      if (chart.current && chart.current.width !== width) chart.current.setSize({ width, height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [height]);

  return <div ref={host} className="uplot-host" data-testid="history-chart" />;
}
