import { formatCount } from '../format.js';

/** Page sizes the inspector offers. */
export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;

/** "1–100 of 10,000", "0 of 0", or for a filter "1–20 of 20 (of 10,000 queued)". */
export function rangeLabel(offset: number, shown: number, total: number, queued?: number): string {
  const base =
    total === 0 || shown === 0
      ? `0 of ${formatCount(total)}`
      : `${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
  return queued !== undefined && queued !== total
    ? `${base} (of ${formatCount(queued)} queued)`
    : base;
}

/** The offset of the page before, or 0. */
export function previousOffset(offset: number, pageSize: number): number {
  return Math.max(0, offset - pageSize);
}

/** The offset of the page after, or undefined on the last page. */
export function nextOffset(offset: number, pageSize: number, total: number): number | undefined {
  return offset + pageSize < total ? offset + pageSize : undefined;
}

/** The offset of the last page. */
export function lastOffset(pageSize: number, total: number): number {
  return total === 0 ? 0 : Math.floor((total - 1) / pageSize) * pageSize;
}

/** An offset still inside a listing that shrank (the queue drained while it was open). */
export function clampOffset(offset: number, pageSize: number, total: number): number {
  return Math.min(offset, lastOffset(pageSize, total));
}

/** Content bytes the viewer asks for at a time; "Load more" asks for the next range. */
export const CONTENT_CHUNK = 64 * 1024;

/** What of a flowfile's content the viewer has loaded so far. */
export interface LoadedContent {
  /** Bytes loaded from the start of the content. */
  readonly loaded: number;
  readonly size: number;
}

/** The next range to load, or undefined when everything is loaded. */
export function nextContentRange(
  content: LoadedContent,
  chunk = CONTENT_CHUNK,
): { offset: number; length: number } | undefined {
  if (content.loaded >= content.size) return undefined;
  return { offset: content.loaded, length: Math.min(chunk, content.size - content.loaded) };
}

/** "12 KB of 3.4 MB loaded" style progress for the viewer's footer. */
export function loadedFraction(content: LoadedContent): number {
  return content.size === 0 ? 1 : Math.min(1, content.loaded / content.size);
}

/**
 * How long ago a time was, compactly: "850 ms", "42 s", "5 min 3 s", "2 h 10 min", "3 d 4 h"
 * (NiFi's queued duration).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
