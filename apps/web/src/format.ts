/** Display helpers for counts, sizes and back-pressure levels, shared by cards and edge labels. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * A byte count as a person reads it, in binary units like NiFi ("0 B", "512 B", "1.5 KB",
 * "12 KB"): one decimal below 10 of a unit, none above, so a label does not jitter in width.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const text = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${text} ${UNITS[unit]}`;
}

const countFormat = new Intl.NumberFormat('en-US');

/** A flowfile count with thousands separators ("12,345"). */
export function formatCount(count: number): string {
  return countFormat.format(Number.isFinite(count) ? count : 0);
}

/** A count and its size as cards and edge labels show them: "12 (12 KB)". */
export function formatCountAndSize(count: number, bytes: number): string {
  return `${formatCount(count)} (${formatBytes(bytes)})`;
}

/** How close a queue is to its back-pressure threshold, as the fill bar's colour. */
export type FillLevel = 'green' | 'amber' | 'red';

/** Fill ratio (0..1) of a queue: queued count over object threshold; 0 when there is no limit. */
export function fillRatio(count: number, threshold: number): number {
  if (threshold <= 0) return 0;
  return Math.min(1, Math.max(0, count / threshold));
}

/**
 * The fill bar's level: red from 90 % (or when the engine says the queue is full, which also
 * covers the data-size threshold the count ratio cannot see), amber from 60 %, else green.
 */
export function fillLevel(ratio: number, full = false): FillLevel {
  if (full || ratio >= 0.9) return 'red';
  if (ratio >= 0.6) return 'amber';
  return 'green';
}
