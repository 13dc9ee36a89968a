import type { ComponentLog } from '@sluice/engine';
import type { ElasticSearchClientService } from '../../services/elasticsearch-client-service.js';
import type { ElasticsearchRequestProblem } from '../../services/elasticsearch-request-error.js';
import {
  fetchPage,
  NEW_QUERY,
  releaseCursor,
  type PageCursor,
  type QuerySpec,
} from './paginator.js';
import { PER_QUERY, type ResultSplit } from './query-properties.js';
import {
  createResult,
  emitAggregations,
  emitPageHits,
  HIT_COUNT,
  ndjsonLines,
  PAGE_NUMBER,
  type ResultOptions,
  type ResultTarget,
} from './query-results.js';
import type { SearchPage } from './search-page.js';

/** How a query ran: to its end (its last cursor), or stopped by a problem. */
export type QueryRun =
  | { readonly ok: true; readonly cursor: PageCursor }
  | { readonly ok: false; readonly problem: ElasticsearchRequestProblem };

/** What running a query needs besides the query. */
export interface QueryRunner {
  readonly service: ElasticSearchClientService;
  readonly log: ComponentLog;
  readonly signal?: AbortSignal | undefined;
}

/** Carries a page's problem out of the content stream of a PER_QUERY flowfile. */
class PageProblem extends Error {
  constructor(readonly problem: ElasticsearchRequestProblem) {
    super(problem.message);
  }
}

/**
 * Runs a query from its first page to its last (the first page without hits), making the result
 * flowfiles in `target` as the split asks: one per page or per hit, or one for the whole query
 * whose content is streamed page by page into the content repository (so a large result set is
 * never held in memory). The results are not sent on here: the caller sends or discards them.
 * The scroll or point in time is freed at the end, whatever happened.
 */
export async function runWholeQuery(
  runner: QueryRunner,
  spec: QuerySpec,
  split: ResultSplit,
  options: ResultOptions,
  target: ResultTarget,
): Promise<QueryRun> {
  const state = { cursor: NEW_QUERY };
  try {
    if (split === PER_QUERY) return await runCombined(runner, spec, options, target, state);
    for (;;) {
      const outcome = await fetchPage(runner.service, spec, state.cursor, runner.signal);
      state.cursor = outcome.cursor;
      if (!outcome.ok) return { ok: false, problem: outcome.problem };
      warnOfShardFailures(runner.log, outcome.page);
      if (state.cursor.pageCount === 1) await emitAggregations(target, outcome.page, options);
      await emitPageHits(target, outcome.page, state.cursor.pageCount, split, options);
      if (outcome.page.hits.length === 0) return { ok: true, cursor: state.cursor };
    }
  } finally {
    await release(runner, spec, state.cursor);
  }
}

/** PER_QUERY: every hit of every page, one JSON object per line, in one flowfile. */
async function runCombined(
  runner: QueryRunner,
  spec: QuerySpec,
  options: ResultOptions,
  target: ResultTarget,
  state: { cursor: PageCursor },
): Promise<QueryRun> {
  let firstPage: SearchPage | undefined;
  let lastPageWithHits = 1;
  async function* lines(): AsyncGenerator<Buffer> {
    for (;;) {
      const outcome = await fetchPage(runner.service, spec, state.cursor, runner.signal);
      state.cursor = outcome.cursor;
      if (!outcome.ok) throw new PageProblem(outcome.problem);
      warnOfShardFailures(runner.log, outcome.page);
      if (state.cursor.pageCount === 1) firstPage = outcome.page;
      if (outcome.page.hits.length === 0) return;
      const separator = state.cursor.pageCount > 1 ? '\n' : '';
      lastPageWithHits = state.cursor.pageCount;
      yield Buffer.from(separator + ndjsonLines(outcome.page, options.hitFormat), 'utf8');
    }
  }
  const combined = createResult(target, 'hits');
  let written;
  try {
    written = await target.session.write(combined, lines());
  } catch (error) {
    if (error instanceof PageProblem) return { ok: false, problem: error.problem };
    throw error;
  }
  if (firstPage !== undefined) await emitAggregations(target, firstPage, options);
  const hitCount = state.cursor.hitCount;
  if (hitCount === 0 && !options.outputNoHits) {
    // Made before it was known to stay empty: it never leaves the session.
    target.results.splice(
      target.results.findIndex((r) => r.flowFile.id === combined.id),
      1,
    );
    target.session.remove(written);
  } else {
    target.session.putAllAttributes(written, {
      ...target.attributes,
      [HIT_COUNT]: String(hitCount),
      [PAGE_NUMBER]: String(lastPageWithHits),
    });
  }
  return { ok: true, cursor: state.cursor };
}

/** Frees the cursor's scroll or point in time; a failure is only worth a warning (it expires). */
export async function release(
  runner: QueryRunner,
  spec: QuerySpec,
  cursor: PageCursor,
): Promise<void> {
  const problem = await releaseCursor(runner.service, spec.pagination, cursor);
  if (problem !== undefined) {
    runner.log.warn(
      `Error while cleaning up Elasticsearch pagination resources, ignoring (they expire after the Pagination Keep Alive): ${problem}`,
    );
  }
}

/** Hits of shards that failed are missing from a page: worth a warning, as the results are partial. */
export function warnOfShardFailures(log: ComponentLog, page: SearchPage): void {
  if (page.failedShards > 0) {
    log.warn(
      `${page.failedShards} shard(s) failed to answer the query: the hits they hold are missing from the results`,
    );
  }
}
