import type { BulletinLevel, BulletinQueryInput, BulletinView } from './types.js';

/** What the board's search row says: text, minimum level, one component or all. */
export interface BulletinFilter {
  readonly text: string;
  /** The least severe level listed; 'ALL' lists every level kept. */
  readonly minLevel: BulletinLevel | 'ALL';
  /** A component id, or '' for every component. */
  readonly componentId: string;
}

/** The board's filter when it opens: everything. */
export const EMPTY_FILTER: BulletinFilter = { text: '', minLevel: 'ALL', componentId: '' };

/** Bulletins per page of the board. */
export const PAGE_SIZE = 50;

/**
 * The query of one page: the filter's non-empty parts, older than `beforeId` when given, and one
 * more row than a page so the answer tells whether there is an older page.
 */
export function queryOf(
  flowId: string,
  filter: BulletinFilter,
  beforeId?: number,
): BulletinQueryInput {
  const text = filter.text.trim();
  return {
    flowId,
    limit: PAGE_SIZE + 1,
    ...(text ? { text } : {}),
    ...(filter.minLevel !== 'ALL' ? { minLevel: filter.minLevel } : {}),
    ...(filter.componentId ? { componentId: filter.componentId } : {}),
    ...(beforeId !== undefined ? { beforeId } : {}),
  };
}

/** A page from an answer of {@link queryOf}: at most a page of rows, and whether more exist. */
export function pageOf(answer: readonly BulletinView[]): {
  readonly rows: readonly BulletinView[];
  readonly more: boolean;
} {
  return { rows: answer.slice(0, PAGE_SIZE), more: answer.length > PAGE_SIZE };
}

/** The rows with the newer ones of `fresh` (newest first) put on top; older pages are kept. */
export function withNewer(
  rows: readonly BulletinView[],
  fresh: readonly BulletinView[],
): readonly BulletinView[] {
  const newest = rows[0]?.id ?? 0;
  const newer = fresh.filter((b) => b.id > newest);
  return newer.length === 0 ? rows : [...newer, ...rows];
}
