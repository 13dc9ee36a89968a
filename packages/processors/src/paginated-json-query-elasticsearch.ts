import {
  defineProcessor,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { SORT_REQUIRED } from './elasticsearch/query/paginator.js';
import {
  PER_HIT,
  PER_RESPONSE,
  POINT_IN_TIME,
  queryProperties,
  SEARCH_AFTER,
  type ResultSplit,
} from './elasticsearch/query/query-properties.js';
import {
  discardResults,
  resultTarget,
  sendResults,
  type ResultOptions,
} from './elasticsearch/query/query-results.js';
import { prepareQuery } from './elasticsearch/query/query-spec.js';
import { QueryTemplate } from './elasticsearch/query/query-template.js';
import { runWholeQuery } from './elasticsearch/query/run-query.js';
import { decodeUtf8 } from './json/json-content.js';
import type { ElasticsearchRequestProblem } from './services/elasticsearch-request-error.js';
import { describeFlowFile } from './support/content-batch.js';

/** NiFi's attribute on a flowfile whose query failed: the error message. */
export const QUERY_ERROR_ATTRIBUTE = 'elasticsearch.query.error';

const properties = queryProperties(
  'flowfile',
  'A query in JSON syntax, not Lucene syntax. Ex: {"query":{"match":{"somefield":"somevalue"}}}. If this parameter is not set, the query will be read from the flowfile content. If the query (property and flowfile content) is empty, a default empty JSON Object will be used, which will result in a "match_all" query in Elasticsearch. Its "size" is the number of hits per page.',
);

type Context = ProcessContext<typeof properties>;

/** What is read once per start. */
interface Scheduled {
  readonly split: ResultSplit;
  readonly options: ResultOptions;
}

/**
 * NiFi's PaginatedJsonQueryElasticsearch: for each incoming flowfile, runs a query written with
 * the Elasticsearch JSON DSL (the Query property, evaluated against the flowfile, or else the
 * flowfile's content) through all its pages — scroll, search_after or point in time — and sends
 * the hits to `hits` (one flowfile per page, per hit, or for the whole query as NDJSON), the
 * first page's aggregations to `aggregations`, and the input to `original`.
 *
 * The whole query runs in one session, so its results and the input move on together: a crash
 * or a failure at page 40 replays the query from its first page instead of losing or repeating
 * pages. Hits are cut from Elasticsearch's responses, not re-serialized, so documents come out
 * exactly as stored (large numbers intact), compacted to one line.
 *
 * Result attributes are NiFi's (`mime.type`, `hit.count`, `page.number`, `aggregation.name`,
 * `aggregation.number`, the Query Attribute) plus Sluice's `es.index`, `es.type` and, per hit,
 * `es.id` (the hit's own index and id). A query Elasticsearch refuses (HTTP 400: bad query;
 * 404: unknown index, as in NiFi) sends the input to `failure` with Elasticsearch's reason in
 * `elasticsearch.query.error`; a cluster that cannot take it now (HTTP 429, 502, 503, 504) sends
 * it to `retry`. Where Sluice differs: when Elasticsearch cannot be reached at all, the session is
 * rolled back and the processor yields, so the input stays queued (NiFi routes it to failure).
 * Not supported: Query Definition Style BUILD_QUERY (and its Query Clause, Size, Sort,
 * Aggregations, Fields, Script Fields properties: write them in the query), Max JSON Field String
 * Length, HEADER: dynamic properties.
 */
export const PaginatedJsonQueryElasticsearch = defineProcessor({
  type: 'PaginatedJsonQueryElasticsearch',
  description:
    'A processor that allows the user to run a paginated query (with aggregations) written with the Elasticsearch JSON DSL. It will use the flowfile\'s content for the query unless the Query property is set. Search After/Point in Time queries must include a valid "sort" field.',
  tags: ['elasticsearch', 'elasticsearch8', 'query', 'scroll', 'page', 'read', 'json'],
  properties,
  dynamicProperties: {
    description:
      'Adds the specified property name/value as a query parameter in the Elasticsearch URL used for processing (e.g. ignore_unavailable = true), evaluated against the flowfile. For SCROLL type queries, these parameters are only used in the initial (first page) query as the Elasticsearch Scroll API does not support the same query parameters for subsequent pages of data.',
    expressionScope: 'flowfile',
  },
  relationships: {
    original: "All original flowfiles that don't cause an error to occur go to this relationship.",
    hits: 'Search hits are routed to this relationship.',
    aggregations: 'Aggregations are routed to this relationship.',
    failure:
      'All flowfiles that fail for reasons unrelated to server availability go to this relationship.',
    retry: 'All flowfiles that fail due to server/cluster availability go to this relationship.',
  },
  validate(ctx) {
    const pagination = ctx.raw('paginationType');
    const query = ctx.raw('query');
    if (
      (pagination === SEARCH_AFTER || pagination === POINT_IN_TIME) &&
      query !== undefined &&
      query.trim() !== '' &&
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
    const input = session.get();
    if (!input) return;
    const service = ctx.requiredProperty('clientService');
    const queryText = ctx.raw('query') ? undefined : await contentQuery(session, input);
    if (queryText !== undefined && !queryText.ok) {
      routeToFailure(ctx, session, input, queryText.reason);
      return;
    }
    const prepared = prepareQuery(ctx, service, input, queryText?.text);
    if (!prepared.ok) {
      routeToFailure(ctx, session, input, prepared.reason);
      return;
    }
    const { spec, attributes, transitUri } = prepared;
    const target = resultTarget(session, input, attributes, transitUri);
    const run = await runWholeQuery(
      { service, log: ctx.log, signal: ctx.signal },
      spec,
      scheduled.split,
      scheduled.options,
      target,
    );
    if (run.ok) {
      sendResults(target);
      session.provenance.send(input, transitUri, 'Query sent to Elasticsearch');
      session.transfer(input, 'original');
      return;
    }
    discardResults(target);
    handleProblem(ctx, session, input, run.problem);
  },
});

/** The flowfile's content as the query, when the Query property is not set. */
async function contentQuery(
  session: ProcessSession,
  flowFile: FlowFile,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const decoded = decodeUtf8(await session.readBuffer(flowFile));
  if (!decoded.ok) return { ok: false, reason: `the query in the content: ${decoded.reason}` };
  return { ok: true, text: decoded.value };
}

function routeToFailure(
  ctx: Context,
  session: ProcessSession,
  flowFile: FlowFile,
  reason: string,
): void {
  ctx.log.error(`Routed ${describeFlowFile(flowFile)} to failure: ${reason}`, flowFile);
  const marked = session.putAttribute(flowFile, QUERY_ERROR_ATTRIBUTE, reason);
  session.transfer(session.penalize(marked), 'failure');
}

/** What happens to the input when the query stopped on a problem (its results are discarded). */
function handleProblem(
  ctx: Context,
  session: ProcessSession,
  input: FlowFile,
  problem: ElasticsearchRequestProblem,
): void {
  const kind = problem.kind;
  switch (kind) {
    case 'unreachable':
      // Nothing is wrong with the query: it stays queued until the cluster is back.
      session.rollback();
      ctx.yield();
      ctx.log.error(
        `${problem.message}; the session was rolled back, so the flowfile stays in the input queue, and the processor yields`,
      );
      return;
    case 'aborted':
      session.rollback();
      ctx.log.info(`${problem.message}; the session was rolled back`);
      return;
    case 'retry': {
      const marked = session.putAttribute(input, QUERY_ERROR_ATTRIBUTE, problem.message);
      session.transfer(session.penalize(marked), 'retry');
      ctx.yield();
      ctx.log.error(`${problem.message}; routing ${describeFlowFile(input)} to retry`, input);
      return;
    }
    case 'failure':
      routeToFailure(ctx, session, input, problem.message);
      return;
    default: {
      const exhaustive: never = kind;
      throw new Error(`Unknown request problem ${String(exhaustive)}`);
    }
  }
}
