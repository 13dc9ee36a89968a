/** The colours a chart draws with, read from the theme's CSS variables. */
export interface ChartColours {
  /** One per line, in order (the palette repeats past its end). */
  readonly lines: readonly string[];
  readonly axis: string;
  readonly grid: string;
}

/** Theme variables of the lines: the accent, then the state colours, all readable in either theme. */
const LINE_VARIABLES = ['--accent', '--ok', '--warn', '--danger'] as const;

/**
 * Reads the chart colours from the theme variables in effect at `element` (canvas drawing cannot
 * use CSS variables), with fallbacks for a document without the theme stylesheet (tests).
 */
export function chartColours(element: Element): ChartColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    lines: LINE_VARIABLES.map((name, i) =>
      read(name, ['#2563eb', '#15803d', '#b45309', '#c62828'][i]!),
    ),
    axis: read('--muted', '#6a7280'),
    grid: read('--border', '#d7dbe1'),
  };
}

/**
 * A theme colour with an alpha channel, for the area under a line: `#rrggbb` (as the theme
 * variables are written) becomes `rgba(...)`; any other colour is left opaque.
 */
export function translucent(colour: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) return colour;
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
