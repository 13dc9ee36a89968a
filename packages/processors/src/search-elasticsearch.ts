import { defineProcessor, prop, type ProcessContext, type ProcessSession } from '@sluice/engine';
import {
  fetchPage,
  NEW_QUERY,
  SORT_REQUIRED,
  type PageCursor,
  type QuerySpec,
} from './elasticsearch/query/paginator.js';
import {
  PER_HIT,
  PER_QUERY,
  PER_RESPONSE,
  POINT_IN_TIME,
  queryProperties,
  SEARCH_AFTER,
  type ResultSplit,
} from './elasticsearch/query/query-properties.js';
import {
  discardResults,
  emitAggregations,
  emitPageHits,
  resultTarget,
  sendResults,
  type ResultOptions,
} from './elasticsearch/query/query-results.js';
import { prepareQuery, resultAttributes, transitUri } from './elasticsearch/query/query-spec.js';
import { QueryTemplate } from './elasticsearch/query/query-template.js';
import { release, runWholeQuery, warnOfShardFailures } from './elasticsearch/query/run-query.js';
import {
  readSearchState,
  writeSearchState,
  type StartedQuery,
} from './elasticsearch/query/search-state.js';
import type { ElasticSearchClientService } from './services/elasticsearch-client-service.js';
import type { ElasticsearchRequestProblem } from './services/elasticsearch-request-error.js';

const properties = {
  ...queryProperties(
    'environment',
    'A query in JSON syntax, not Lucene syntax. Ex: {"query":{"match":{"somefield":"somevalue"}}}. If the query is empty, a default JSON Object will be used, which will result in a "match_all" query in Elasticsearch. Its "size" is the number of hits per page. The expression language is evaluated when a query starts (e.g. ${now():format(\'yyyy-MM-dd\')}), and every page of that query runs the same text.',
  ),
  restartOnFinish: prop.boolean({
    name: 'Restart On Finish',
    description:
      'Whether the processor should start another search with the same query once a paginated search has completed.',
    default: 'true',
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/** Properties whose change makes the search start over (a different query or cluster). */
const RESTART_PROPERTIES = ['clientService', 'query', 'index', 'type', 'paginationType'] as const;

/** What is read once per start. */
interface Scheduled {
  readonly split: ResultSplit;
  readonly options: ResultOptions;
}

/** A query ready for its next page. */
interface Paging {
  readonly spec: QuerySpec;
  readonly started: StartedQuery;
  readonly cursor: PageCursor;
  readonly attributes: Readonly<Record<string, string>>;
  readonly transitUri: string;
}

/**
 * NiFi's SearchElasticsearch: a source that repeatedly runs a paginated query (with
 * aggregations) written with the Elasticsearch JSON DSL. As in NiFi, with Search Results Split
 * PER_RESPONSE or PER_HIT each trigger fetches one page and the pagination state (scroll id,
 * point in time id, search_after position, page and hit counts, expiry) is kept in the component
 * state between triggers; PER_QUERY fetches every page in one trigger into one NDJSON flowfile.
 * When a query has no more hits it is finished: with Restart On Finish the next trigger starts it
 * again, otherwise the processor does nothing more until its state is cleared. A query whose
 * cursor expired (no trigger within the Pagination Keep Alive) starts over from its first page.
 *
 * Sluice commits the state in the same session as the page's flowfiles, so a crash or restart
 * continues after the last page delivered: no page is lost or delivered twice (NiFi keeps the
 * state apart and can repeat). The expression language in Query and Index is evaluated when a
 * query starts, and the state keeps the result, so every page of one query runs the same text
 * even across midnight. On a cron schedule, use PER_QUERY: a cron trigger fetches one page of the
 * other splits, as NiFi does.
 *
 * Problems (bad query, unknown index, cluster down) are reported as bulletins and the processor
 * yields; the state is left as it was, so the query resumes when the problem is gone. NiFi's
 * failure and retry relationships are left out: no flowfile could ever reach them. Not supported:
 * Query Definition Style BUILD_QUERY, Max JSON Field String Length, HEADER: dynamic properties.
 */
export const SearchElasticsearch = defineProcessor({
  type: 'SearchElasticsearch',
  description:
    'A processor that allows the user to repeatedly run a paginated query (with aggregations) written with the Elasticsearch JSON DSL. Search After/Point in Time queries must include a valid "sort" field. The processor will retrieve multiple pages of results until either no more results are available or the Pagination Keep Alive expiration is reached, after which the query will restart with the first page of results being retrieved.',
  tags: ['elasticsearch', 'elasticsearch8', 'query', 'scroll', 'page', 'search', 'json'],
  inputRequirement: 'forbidden',
  triggerSerially: true,
  defaultRunSchedule: '1 min',
  properties,
  dynamicProperties: {
    description:
      'Adds the specified property name/value as a query parameter in the Elasticsearch URL used for processing. For SCROLL type queries, these parameters are only used in the initial (first page) query as the Elasticsearch Scroll API does not support the same query parameters for subsequent pages of data.',
    expressionScope: 'environment',
  },
  relationships: {
    hits: 'Search hits are routed to this relationship.',
    aggregations: 'Aggregations are routed to this relationship.',
  },
  validate(ctx) {
    const pagination = ctx.raw('paginationType');
    const query = ctx.raw('query') ?? '';
    if (
      (pagination === SEARCH_AFTER || pagination === POINT_IN_TIME) &&
      !ctx.hasExpression('query')
    ) {
      const parsed = QueryTemplate.parse(query);
      if (parsed.ok && !parsed.query.hasSort)
        return [{ property: 'query', message: SORT_REQUIRED }];
    }
    return [];
  },
  onScheduled(ctx): Scheduled {
    const aggregationSplit = ctx.requiredProperty('aggregationResultsSplit');
    return {
      split: ctx.requiredProperty('searchResultsSplit'),
      options: {
        hitFormat: ctx.requiredProperty('searchResultsFormat'),
        aggregationSplit: aggregationSplit === PER_HIT ? PER_HIT : PER_RESPONSE,
        aggregationFormat: ctx.requiredProperty('aggregationResultsFormat'),
        outputNoHits: ctx.property('outputNoHits') ?? false,
      },
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const service = ctx.requiredProperty('clientService');
    const configuration = JSON.stringify(RESTART_PROPERTIES.map((key) => ctx.raw(key) ?? ''));
    const state = readSearchState(session.getState(), configuration);
    if (state.kind === 'finished' && !(ctx.property('restartOnFinish') ?? true)) {
      ctx.yield();
      return;
    }
    let paging =
      state.kind === 'paging' ? resumed(ctx, service, state.started, state.cursor) : undefined;
    if (paging?.cursor.expiresAt !== undefined && paging.cursor.expiresAt < Date.now()) {
      ctx.log.info('The paginated query expired (Pagination Keep Alive); it starts over');
      paging = undefined;
    }
    paging ??= started(ctx, service);
    if (paging === undefined) return;
    const { split, options } = scheduled;
    if (split === PER_QUERY) {
      await runToEnd(ctx, session, service, paging, options, configuration);
      return;
    }
    await nextPage(ctx, session, service, paging, split, options, configuration);
  },
});

/** A new query from the properties as they evaluate now; undefined (with a bulletin) when they cannot. */
function started(ctx: Context, service: ElasticSearchClientService): Paging | undefined {
  const prepared = prepareQuery(ctx, service, undefined);
  if (!prepared.ok) {
    ctx.log.error(`The query cannot run: ${prepared.reason}`);
    ctx.yield();
    return undefined;
  }
  const { spec } = prepared;
  return {
    spec,
    started: { query: prepared.queryText, index: spec.index, type: spec.type },
    cursor: NEW_QUERY,
    attributes: prepared.attributes,
    transitUri: prepared.transitUri,
  };
}

/** The query of the state, with the cursor it reached. */
function resumed(
  ctx: Context,
  service: ElasticSearchClientService,
  started: StartedQuery,
  cursor: PageCursor,
): Paging | undefined {
  const parsed = QueryTemplate.parse(started.query);
  if (!parsed.ok) return undefined;
  let queryAttribute: string | undefined;
  let parameters: Record<string, string>;
  try {
    queryAttribute = ctx.property('queryAttribute')?.trim() || undefined;
    parameters = Object.fromEntries(
      [...ctx.dynamicProperties()].filter(([, value]) => value.trim() !== ''),
    );
  } catch {
    return undefined;
  }
  const spec: QuerySpec = {
    query: parsed.query,
    index: started.index,
    type: started.type,
    pagination: ctx.requiredProperty('paginationType'),
    keepAliveMs: ctx.requiredProperty('paginationKeepAlive'),
    parameters,
  };
  return {
    spec,
    started,
    cursor,
    attributes: resultAttributes(spec, queryAttribute, started.query),
    transitUri: transitUri(service, started.index, started.type),
  };
}

/** PER_RESPONSE and PER_HIT: one page, its results and the state after it, in one session. */
async function nextPage(
  ctx: Context,
  session: ProcessSession,
  service: ElasticSearchClientService,
  paging: Paging,
  split: typeof PER_HIT | typeof PER_RESPONSE,
  options: ResultOptions,
  configuration: string,
): Promise<void> {
  const runner = { service, log: ctx.log, signal: ctx.signal };
  const outcome = await fetchPage(service, paging.spec, paging.cursor, ctx.signal);
  if (!outcome.ok) {
    if (paging.cursor.pageCount === 0) await release(runner, paging.spec, outcome.cursor);
    reportProblem(ctx, session, paging, outcome.problem, configuration);
    return;
  }
  warnOfShardFailures(ctx.log, outcome.page);
  const { cursor, page } = outcome;
  const target = resultTarget(session, undefined, paging.attributes, paging.transitUri);
  if (cursor.pageCount === 1) await emitAggregations(target, page, options);
  await emitPageHits(target, page, cursor.pageCount, split, options);
  sendResults(target);
  if (page.hits.length > 0) {
    session.setState(
      writeSearchState({ kind: 'paging', started: paging.started, cursor }, configuration),
    );
    return;
  }
  await release(runner, paging.spec, cursor);
  session.setState(
    writeSearchState(
      { kind: 'finished', pageCount: cursor.pageCount, hitCount: cursor.hitCount },
      configuration,
    ),
  );
}

/** PER_QUERY: every page in this trigger, into one flowfile, and the query finished. */
async function runToEnd(
  ctx: Context,
  session: ProcessSession,
  service: ElasticSearchClientService,
  paging: Paging,
  options: ResultOptions,
  configuration: string,
): Promise<void> {
  const runner = { service, log: ctx.log, signal: ctx.signal };
  // A query paged one page a trigger until the split was changed: PER_QUERY starts it over.
  if (paging.cursor.pageCount > 0) await release(runner, paging.spec, paging.cursor);
  const target = resultTarget(session, undefined, paging.attributes, paging.transitUri);
  const run = await runWholeQuery(runner, paging.spec, PER_QUERY, options, target);
  if (!run.ok) {
    discardResults(target);
    reportProblem(ctx, session, paging, run.problem, configuration);
    return;
  }
  sendResults(target);
  session.setState(
    writeSearchState(
      { kind: 'finished', pageCount: run.cursor.pageCount, hitCount: run.cursor.hitCount },
      configuration,
    ),
  );
}

/**
 * A problem leaves the state as it was (the next trigger tries the same page again), except a
 * scroll or point in time Elasticsearch no longer knows (HTTP 404 while paging: it expired or
 * the cluster restarted), from which the query can only start over.
 */
function reportProblem(
  ctx: Context,
  session: ProcessSession,
  paging: Paging,
  problem: ElasticsearchRequestProblem,
  configuration: string,
): void {
  if (problem.kind === 'aborted') {
    ctx.log.info(`${problem.message}; the page will be fetched again`);
    return;
  }
  if (problem.kind === 'failure' && problem.status === 404 && paging.cursor.pageCount > 0) {
    ctx.log.warn(
      `${problem.message}; the pagination context is gone, so the query starts over at the next trigger`,
    );
    session.setState(writeSearchState({ kind: 'idle' }, configuration));
    return;
  }
  ctx.yield();
  ctx.log.error(
    `${problem.message}; nothing was emitted, and the processor yields (the query resumes where it was when the problem is gone)`,
  );
}
