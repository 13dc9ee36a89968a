import type { FlowFile, ProcessContext } from '@sluice/engine';
import type { ElasticSearchClientService } from '../../services/elasticsearch-client-service.js';
import type { QuerySpec } from './paginator.js';
import type { queryProperties } from './query-properties.js';
import { ES_INDEX, ES_TYPE } from './query-results.js';
import { QueryTemplate } from './query-template.js';

/** The context of a processor with the shared query properties. */
export type QueryContext = ProcessContext<ReturnType<typeof queryProperties>>;

/** A query ready to run, with what its results carry, or why it cannot run. */
export type PreparedQuery =
  | {
      readonly ok: true;
      readonly spec: QuerySpec;
      /** The query as evaluated (`{}` when blank), the Query Attribute's value. */
      readonly queryText: string;
      /** mime.type, es.index, es.type and the Query Attribute. */
      readonly attributes: Readonly<Record<string, string>>;
      readonly transitUri: string;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Evaluates Query, Index, Type, Query Attribute and the URL parameters (dynamic properties)
 * against `flowFile` (none for SearchElasticsearch). `queryText` is the query when it does not
 * come from the Query property (PaginatedJsonQueryElasticsearch reads it from the content).
 */
export function prepareQuery(
  ctx: QueryContext,
  service: ElasticSearchClientService,
  flowFile: FlowFile | undefined,
  queryText?: string,
): PreparedQuery {
  let text: string;
  let index: string;
  let type: string | undefined;
  let queryAttribute: string | undefined;
  let parameters: Record<string, string>;
  try {
    text = queryText ?? ctx.property('query', flowFile) ?? '';
    index = ctx.requiredProperty('index', flowFile).trim();
    type = ctx.property('type', flowFile)?.trim() || undefined;
    queryAttribute = ctx.property('queryAttribute', flowFile)?.trim() || undefined;
    parameters = Object.fromEntries(
      [...ctx.dynamicProperties(flowFile)].filter(([, value]) => value.trim() !== ''),
    );
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (index === '') return { ok: false, reason: "'Index' evaluated to an empty value" };
  const parsed = QueryTemplate.parse(text);
  if (!parsed.ok) return parsed;
  const spec: QuerySpec = {
    query: parsed.query,
    index,
    type,
    pagination: ctx.requiredProperty('paginationType'),
    keepAliveMs: ctx.requiredProperty('paginationKeepAlive'),
    parameters,
  };
  const evaluated = text.trim() || '{}';
  return {
    ok: true,
    spec,
    queryText: evaluated,
    attributes: resultAttributes(spec, queryAttribute, evaluated),
    transitUri: transitUri(service, index, type),
  };
}

/** The attributes every result of a query gets. */
export function resultAttributes(
  spec: Pick<QuerySpec, 'index' | 'type'>,
  queryAttribute: string | undefined,
  queryText: string,
): Record<string, string> {
  return {
    'mime.type': 'application/json',
    [ES_INDEX]: spec.index,
    ...(spec.type !== undefined ? { [ES_TYPE]: spec.type } : {}),
    ...(queryAttribute !== undefined ? { [queryAttribute]: queryText } : {}),
  };
}

/** NiFi's transit URI of a query: the first host, the index, and the type when there is one. */
export function transitUri(
  service: ElasticSearchClientService,
  index: string,
  type: string | undefined,
): string {
  const base = service.transitUrl(index);
  return type === undefined ? base : `${base}/${encodeURIComponent(type)}`;
}
