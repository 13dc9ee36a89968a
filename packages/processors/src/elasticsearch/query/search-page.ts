import { JsonSource, type JsonSpan } from '../../json/json-source.js';

/** One page of a search: its hits as spans of the response text, and what the next page needs. */
export interface SearchPage {
  readonly source: JsonSource;
  readonly hits: readonly JsonSpan[];
  /** The aggregations object, on a page that has one (the first). */
  readonly aggregations: JsonSpan | undefined;
  readonly scrollId: string | undefined;
  /** The point in time id to use next (Elasticsearch may hand back a new one). */
  readonly pitId: string | undefined;
  /** The last hit's `sort` values as raw JSON, Search After's position. */
  readonly lastSort: string | undefined;
  /** Shards that failed to answer, whose hits are missing from the page. */
  readonly failedShards: number;
}

/**
 * Reads a `_search` or `_search/scroll` response without parsing its documents.
 *
 * @throws Error when the text is not the JSON of a search response.
 */
export function readSearchPage(text: string): SearchPage {
  const source = new JsonSource(text);
  const root = source.root();
  if (!source.isObject(root)) throw new Error('the search response is not a JSON object');
  const hitsSpan = source.find(['hits', 'hits']);
  if (hitsSpan === undefined || !source.isArray(hitsSpan)) {
    throw new Error('the search response has no hits.hits array');
  }
  const hits = source.elements(hitsSpan);
  const last = hits.at(-1);
  const sort = last === undefined ? undefined : source.find(['sort'], last);
  const failed = source.find(['_shards', 'failed']);
  return {
    source,
    hits,
    aggregations: source.find(['aggregations']),
    scrollId: stringAt(source, ['_scroll_id']),
    pitId: stringAt(source, ['pit_id']),
    lastSort: sort === undefined ? undefined : source.compact(sort),
    failedShards: failed === undefined ? 0 : Number(source.slice(failed)) || 0,
  };
}

/** The string at `location`, or undefined when there is none. */
export function stringAt(source: JsonSource, location: readonly string[]): string | undefined {
  const span = source.find(location);
  if (span === undefined || source.text[span.start] !== '"') return undefined;
  return JSON.parse(source.slice(span)) as string;
}
