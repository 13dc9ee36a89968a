import { prop, type ExpressionScope } from '@sluice/engine';
import { ElasticSearchClientServiceApi } from '../../services/elasticsearch-client-service.js';
import { queryTextProblem } from './query-template.js';

/** NiFi's Search Results Split values (ResultOutputStrategy): how hits become flowfiles. */
export const PER_HIT = 'splitUp-yes';
export const PER_RESPONSE = 'splitUp-no';
export const PER_QUERY = 'splitUp-query';
export type ResultSplit = typeof PER_HIT | typeof PER_RESPONSE | typeof PER_QUERY;

/** NiFi's Pagination Type values. */
export const SCROLL = 'pagination-scroll';
export const SEARCH_AFTER = 'pagination-search_after';
export const POINT_IN_TIME = 'pagination-pit';
export type PaginationType = typeof SCROLL | typeof SEARCH_AFTER | typeof POINT_IN_TIME;

/** NiFi's Search Results Format values. */
export type HitFormat = 'FULL' | 'SOURCE_ONLY' | 'METADATA_ONLY';
/** NiFi's Aggregation Results Format values. */
export type AggregationFormat = 'FULL' | 'BUCKETS_ONLY' | 'METADATA_ONLY';

const PER_HIT_VALUE = {
  value: PER_HIT,
  displayName: 'PER_HIT',
  description: 'FlowFile per hit.',
} as const;
const PER_RESPONSE_VALUE = {
  value: PER_RESPONSE,
  displayName: 'PER_RESPONSE',
  description: 'FlowFile per response.',
} as const;

/** Pagination Keep Alive bounds, as NiFi's validator: 1 second to 24 hours. */
const KEEP_ALIVE_MIN_MS = 1000;
const KEEP_ALIVE_MAX_MS = 24 * 60 * 60 * 1000;
/** A NiFi duration in milliseconds, as duration properties convert it. */
const asDuration = prop.duration({ name: 'Pagination Keep Alive' }).convert;

/**
 * The properties PaginatedJsonQueryElasticsearch and SearchElasticsearch share, with NiFi's
 * names, values and defaults. `scope` is where the expression language may look: the incoming
 * flowfile's attributes, or only parameters and the environment for the source processor.
 */
export function queryProperties(scope: ExpressionScope, queryDescription: string) {
  return {
    clientService: prop.service({
      name: 'Client Service',
      description: 'An Elasticsearch client service to use for running queries.',
      required: true,
      api: ElasticSearchClientServiceApi,
    }),
    query: prop.text({
      name: 'Query',
      description: queryDescription,
      el: scope,
      validate: queryTextProblem,
    }),
    queryAttribute: prop.string({
      name: 'Query Attribute',
      description:
        'If set, the executed query will be set on each result flowfile in the specified attribute.',
      el: scope,
    }),
    index: prop.string({
      name: 'Index',
      description:
        'The name of the index to use (or several, comma-separated, or a pattern such as logs-*).',
      required: true,
      el: scope,
    }),
    type: prop.string({
      name: 'Type',
      description:
        'The type of this document (used by Elasticsearch for indexing and searching). Elasticsearch 8 has no types: leave it empty there.',
      el: scope,
    }),
    searchResultsSplit: prop.choice({
      name: 'Search Results Split',
      description:
        'Output a flowfile containing all hits or one flowfile for each individual hit or one flowfile containing all hits from all paged responses.',
      values: [
        PER_RESPONSE_VALUE,
        PER_HIT_VALUE,
        {
          value: PER_QUERY,
          displayName: 'PER_QUERY',
          description:
            'Combine results from all query responses (one flowfile per entire paginated result set of hits). Note that aggregations cannot be paged, they are generated across the entire result set and returned as part of the first page. Results are output with one JSON object per line (allowing hits to be combined from multiple pages without loading all results into memory).',
        },
      ],
      default: PER_RESPONSE,
    }),
    searchResultsFormat: prop.choice({
      name: 'Search Results Format',
      description: 'Format of Hits output.',
      values: [
        {
          value: 'FULL',
          description: 'Contains full Elasticsearch Hit, including Document Source and Metadata.',
        },
        { value: 'SOURCE_ONLY', description: 'Document Source only (where present).' },
        {
          value: 'METADATA_ONLY',
          description: 'Hit Metadata (everything except the Document Source).',
        },
      ],
      default: 'FULL',
    }),
    aggregationResultsSplit: prop.choice({
      name: 'Aggregation Results Split',
      description:
        'Output a flowfile containing all aggregations or one flowfile for each individual aggregation.',
      values: [PER_RESPONSE_VALUE, PER_HIT_VALUE],
      default: PER_RESPONSE,
    }),
    aggregationResultsFormat: prop.choice({
      name: 'Aggregation Results Format',
      description: 'Format of Aggregation output.',
      values: [
        {
          value: 'FULL',
          description: 'Contains full Elasticsearch Aggregation, including Buckets and Metadata.',
        },
        { value: 'BUCKETS_ONLY', description: 'Bucket Content only.' },
        { value: 'METADATA_ONLY', description: 'Aggregation Metadata only.' },
      ],
      default: 'FULL',
    }),
    outputNoHits: prop.boolean({
      name: 'Output No Hits',
      description:
        'Output a "hits" flowfile even if no hits found for query. If true, an empty "hits" flowfile will be output even if "aggregations" are output.',
      default: 'false',
    }),
    paginationType: prop.choice({
      name: 'Pagination Type',
      description:
        'Pagination method to use. Search After and Point in Time need a "sort" in the query; Point in Time (the most consistent: every page sees the index as it was when the query started) pages every index of the Index property together.',
      values: [
        {
          value: SCROLL,
          displayName: 'SCROLL',
          description:
            'Use Elasticsearch "_scroll" API to page results. Does not accept additional query parameters.',
        },
        {
          value: SEARCH_AFTER,
          displayName: 'SEARCH_AFTER',
          description: 'Use Elasticsearch "search_after" _search API to page sorted results.',
        },
        {
          value: POINT_IN_TIME,
          displayName: 'POINT_IN_TIME',
          description:
            'Use Elasticsearch (7.10+ with XPack) "point in time" _search API to page sorted results.',
        },
      ],
      default: SCROLL,
    }),
    paginationKeepAlive: prop.duration({
      name: 'Pagination Keep Alive',
      description:
        'Pagination "keep_alive" period. Period Elasticsearch will keep the scroll/pit cursor alive in between requests (this is not the time expected for all pages to be returned, but the maximum allowed time for requests between page retrievals).',
      default: '10 mins',
      validate: (value) => {
        // Only called once the value converted: it is a duration.
        const ms = asDuration(value);
        return ms < KEEP_ALIVE_MIN_MS || ms > KEEP_ALIVE_MAX_MS
          ? 'must be between 1 sec and 24 hours'
          : undefined;
      },
    }),
  } as const;
}

/** The Pagination Keep Alive as Elasticsearch's time value: whole seconds, as NiFi sends it. */
export function keepAliveParameter(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}
