import type { ElasticSearchClientService } from '../../services/elasticsearch-client-service.js';
import type { ElasticsearchRequestProblem } from '../../services/elasticsearch-request-error.js';
import { esRequest, type EsRequest } from './es-request.js';
import {
  keepAliveParameter,
  POINT_IN_TIME,
  SCROLL,
  SEARCH_AFTER,
  type PaginationType,
} from './query-properties.js';
import type { QueryTemplate } from './query-template.js';
import { readSearchPage, stringAt, type SearchPage } from './search-page.js';
import { JsonSource } from '../../json/json-source.js';

/** What is queried and how it is paged. */
export interface QuerySpec {
  readonly query: QueryTemplate;
  readonly index: string;
  readonly type: string | undefined;
  readonly pagination: PaginationType;
  readonly keepAliveMs: number;
  /** URL query parameters of the first request (NiFi's dynamic properties). */
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Where a paged query stands: NiFi's pagination state (pages and hits so far, the scroll id,
 * the point in time id, the search_after position, when the cursor expires). Plain data, so
 * SearchElasticsearch keeps it in its component state between triggers.
 */
export interface PageCursor {
  readonly pageCount: number;
  readonly hitCount: number;
  readonly scrollId?: string | undefined;
  readonly pitId?: string | undefined;
  /** The last hit's sort values, raw JSON. */
  readonly searchAfter?: string | undefined;
  /** When Elasticsearch drops the scroll or point in time if no request comes (epoch ms). */
  readonly expiresAt?: number | undefined;
}

/** A query before its first page. */
export const NEW_QUERY: PageCursor = { pageCount: 0, hitCount: 0 };

/** A page and the cursor after it, or why there is none and what to release. */
export type PageOutcome =
  | { readonly ok: true; readonly page: SearchPage; readonly cursor: PageCursor }
  | {
      readonly ok: false;
      readonly problem: ElasticsearchRequestProblem;
      /** The cursor to release: a point in time opened before the failing search. */
      readonly cursor: PageCursor;
    };

/** NiFi's message for a query that Search After or Point in Time cannot page. */
export const SORT_REQUIRED = 'Query using pit/search_after must contain a "sort" field';

/**
 * Fetches the page after `cursor` (the first page for {@link NEW_QUERY}), as NiFi's paginated
 * query processors do: scroll pages through `_search/scroll`; search_after pages repeat the
 * query with the last hit's sort values; a point in time is opened on the index first and every
 * page searches it. Aggregations are asked for on the first page only.
 */
export async function fetchPage(
  service: ElasticSearchClientService,
  spec: QuerySpec,
  cursor: PageCursor,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<PageOutcome> {
  const first = cursor.pageCount === 0;
  if (first && spec.pagination !== SCROLL && !spec.query.hasSort) {
    return { ok: false, problem: { kind: 'failure', message: SORT_REQUIRED }, cursor };
  }
  let opened = cursor;
  if (first && spec.pagination === POINT_IN_TIME) {
    const pit = await openPointInTime(service, spec, signal);
    if (!pit.ok) return { ok: false, problem: pit.problem, cursor };
    opened = { ...cursor, pitId: pit.id };
  }
  const response = await esRequest(service, pageRequest(spec, opened), signal);
  if (!response.ok) return { ok: false, problem: response.problem, cursor: opened };
  let page: SearchPage;
  try {
    page = readSearchPage(response.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const cluster = service.hosts.join(', ');
    return {
      ok: false,
      problem: {
        kind: 'failure',
        message: `Elasticsearch at ${cluster} answered oddly: ${reason}`,
      },
      cursor: opened,
    };
  }
  return {
    ok: true,
    page,
    cursor: {
      pageCount: cursor.pageCount + 1,
      hitCount: cursor.hitCount + page.hits.length,
      scrollId: page.scrollId ?? opened.scrollId,
      pitId: page.pitId ?? opened.pitId,
      searchAfter: page.lastSort ?? opened.searchAfter,
      expiresAt: spec.pagination === SEARCH_AFTER ? undefined : now() + spec.keepAliveMs,
    },
  };
}

/** The request for the page after `cursor`. */
function pageRequest(spec: QuerySpec, cursor: PageCursor): EsRequest {
  const first = cursor.pageCount === 0;
  const keepAlive = keepAliveParameter(spec.keepAliveMs);
  switch (spec.pagination) {
    case SCROLL:
      return first
        ? {
            method: 'POST',
            path: searchPath(spec),
            querystring: { ...spec.parameters, scroll: keepAlive },
            body: spec.query.body(new Map()),
          }
        : {
            method: 'POST',
            path: '/_search/scroll',
            body: JSON.stringify({ scroll: keepAlive, scroll_id: cursor.scrollId }),
          };
    case SEARCH_AFTER:
      return {
        method: 'POST',
        path: searchPath(spec),
        querystring: { ...spec.parameters },
        body: spec.query.body(after(cursor), !first),
      };
    case POINT_IN_TIME: {
      const pit = JSON.stringify({ id: cursor.pitId, keep_alive: keepAlive });
      // A point in time names its indices itself: the search goes to /_search.
      return {
        method: 'POST',
        path: '/_search',
        querystring: { ...spec.parameters },
        body: spec.query.body(new Map([['pit', pit], ...after(cursor)]), !first),
      };
    }
    default: {
      const exhaustive: never = spec.pagination;
      throw new Error(`Unknown Pagination Type ${String(exhaustive)}`);
    }
  }
}

function after(cursor: PageCursor): Map<string, string> {
  return cursor.pageCount > 0 && cursor.searchAfter !== undefined
    ? new Map([['search_after', cursor.searchAfter]])
    : new Map();
}

function searchPath(spec: QuerySpec): string {
  const index = encodeURIComponent(spec.index);
  return spec.type ? `/${index}/${encodeURIComponent(spec.type)}/_search` : `/${index}/_search`;
}

async function openPointInTime(
  service: ElasticSearchClientService,
  spec: QuerySpec,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; id: string } | { ok: false; problem: ElasticsearchRequestProblem }> {
  const response = await esRequest(
    service,
    {
      method: 'POST',
      path: `/${encodeURIComponent(spec.index)}/_pit`,
      querystring: { keep_alive: keepAliveParameter(spec.keepAliveMs) },
    },
    signal,
  );
  if (!response.ok) return response;
  const id = stringAt(new JsonSource(response.text), ['id']);
  if (id === undefined) {
    return {
      ok: false,
      problem: { kind: 'failure', message: 'Elasticsearch opened a point in time without an id' },
    };
  }
  return { ok: true, id };
}

/**
 * Frees what Elasticsearch keeps for a cursor (its scroll context or point in time) before it
 * would expire; returns why it could not, for a warning: it expires after the keep alive anyway.
 */
export async function releaseCursor(
  service: ElasticSearchClientService,
  pagination: PaginationType,
  cursor: PageCursor,
): Promise<string | undefined> {
  let request: EsRequest | undefined;
  if (pagination === SCROLL && cursor.scrollId !== undefined) {
    request = {
      method: 'DELETE',
      path: '/_search/scroll',
      body: JSON.stringify({ scroll_id: cursor.scrollId }),
    };
  } else if (pagination === POINT_IN_TIME && cursor.pitId !== undefined) {
    request = { method: 'DELETE', path: '/_pit', body: JSON.stringify({ id: cursor.pitId }) };
  }
  if (request === undefined) return undefined;
  const response = await esRequest(service, request);
  // Gone already (expired, or the cluster restarted): nothing left to free.
  if (!response.ok && !('status' in response.problem && response.problem.status === 404)) {
    return response.problem.message;
  }
  return undefined;
}
