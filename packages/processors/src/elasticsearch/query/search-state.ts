import type { PageCursor } from './paginator.js';

/** NiFi's SearchElasticsearch state keys. */
const SCROLL_ID = 'scrollId';
const PIT_ID = 'pitId';
const SEARCH_AFTER = 'searchAfter';
const PAGE_EXPIRATION = 'pageExpirationTimestamp';
const PAGE_COUNT = 'pageCount';
const HIT_COUNT = 'hitCount';
const FINISHED = 'finished';
/** Sluice's additions: the query as it was evaluated when it started, so every page runs the same one. */
const QUERY = 'query';
const INDEX = 'index';
const TYPE = 'type';
/** The settings the state was made with; when they change, the query starts over. */
const CONFIGURATION = 'configuration';

/** The query a paged search runs, fixed at its first page. */
export interface StartedQuery {
  readonly query: string;
  readonly index: string;
  readonly type: string | undefined;
}

/** Where SearchElasticsearch stands between triggers. */
export type SearchState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'paging'; readonly started: StartedQuery; readonly cursor: PageCursor }
  | { readonly kind: 'finished'; readonly pageCount: number; readonly hitCount: number };

/**
 * Reads the committed state; a state made with another `configuration` (or none) means no query
 * has run yet.
 */
export function readSearchState(
  state: Readonly<Record<string, string>> | undefined,
  configuration: string,
): SearchState {
  if (!state || state[CONFIGURATION] !== configuration) return { kind: 'idle' };
  const pageCount = Number(state[PAGE_COUNT] ?? 0);
  const hitCount = Number(state[HIT_COUNT] ?? 0);
  if (state[FINISHED] === 'true') return { kind: 'finished', pageCount, hitCount };
  const query = state[QUERY];
  const index = state[INDEX];
  if (query === undefined || index === undefined || !(pageCount > 0)) return { kind: 'idle' };
  const expiresAt =
    state[PAGE_EXPIRATION] === undefined ? undefined : Number(state[PAGE_EXPIRATION]);
  return {
    kind: 'paging',
    started: { query, index, type: state[TYPE] },
    cursor: {
      pageCount,
      hitCount,
      scrollId: state[SCROLL_ID],
      pitId: state[PIT_ID],
      searchAfter: state[SEARCH_AFTER],
      expiresAt,
    },
  };
}

/** The component state that records `search`, made with `configuration`. */
export function writeSearchState(
  search: SearchState,
  configuration: string,
): Record<string, string> {
  const state: Record<string, string> = { [CONFIGURATION]: configuration };
  const kind = search.kind;
  switch (kind) {
    case 'idle':
      return state;
    case 'finished':
      return {
        ...state,
        [FINISHED]: 'true',
        [PAGE_COUNT]: String(search.pageCount),
        [HIT_COUNT]: String(search.hitCount),
      };
    case 'paging': {
      const { started, cursor } = search;
      const optional: Record<string, string | undefined> = {
        [SCROLL_ID]: cursor.scrollId,
        [PIT_ID]: cursor.pitId,
        [SEARCH_AFTER]: cursor.searchAfter,
        [PAGE_EXPIRATION]: cursor.expiresAt === undefined ? undefined : String(cursor.expiresAt),
        [TYPE]: started.type,
      };
      for (const [key, value] of Object.entries(optional))
        if (value !== undefined) state[key] = value;
      return {
        ...state,
        [FINISHED]: 'false',
        [PAGE_COUNT]: String(cursor.pageCount),
        [HIT_COUNT]: String(cursor.hitCount),
        [QUERY]: started.query,
        [INDEX]: started.index,
      };
    }
    default: {
      const exhaustive: never = kind;
      throw new Error(`Unknown search state ${String(exhaustive)}`);
    }
  }
}
