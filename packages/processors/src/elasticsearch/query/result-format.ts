import type { JsonSource, JsonSpan } from '../../json/json-source.js';
import type { AggregationFormat, HitFormat } from './query-properties.js';

/**
 * One hit as compact JSON in the Search Results Format: the whole hit, its `_source` (`{}` when
 * the hit has none, as NiFi), or everything but its `_source`. Cut from the response text, so
 * the document is exactly as Elasticsearch stored it, only without line breaks.
 */
export function formatHit(source: JsonSource, hit: JsonSpan, format: HitFormat): string {
  switch (format) {
    case 'FULL':
      return source.compact(hit);
    case 'SOURCE_ONLY': {
      const document = source.members(hit).get('_source');
      return document === undefined ? '{}' : source.compact(document);
    }
    case 'METADATA_ONLY':
      return objectWithout(source, hit, '_source');
    default: {
      const exhaustive: never = format;
      throw new Error(`Unknown Search Results Format ${String(exhaustive)}`);
    }
  }
}

/** What identifies a hit, for Sluice's per-hit attributes. */
export function hitMetadata(
  source: JsonSource,
  hit: JsonSpan,
): { index: string | undefined; id: string | undefined } {
  const members = source.members(hit);
  const text = (name: string): string | undefined => {
    const span = members.get(name);
    return span === undefined || source.text[span.start] !== '"'
      ? undefined
      : (JSON.parse(source.slice(span)) as string);
  };
  return { index: text('_index'), id: text('_id') };
}

/**
 * Each aggregation by name, as compact JSON in the Aggregation Results Format: whole, only its
 * buckets (`null` when it has none), or without its buckets.
 */
export function formatAggregations(
  source: JsonSource,
  aggregations: JsonSpan,
  format: AggregationFormat,
): [name: string, json: string][] {
  return [...source.members(aggregations)].map(([name, span]) => {
    switch (format) {
      case 'FULL':
        return [name, source.compact(span)];
      case 'BUCKETS_ONLY': {
        const buckets = source.isObject(span) ? source.members(span).get('buckets') : undefined;
        return [name, buckets === undefined ? 'null' : source.compact(buckets)];
      }
      case 'METADATA_ONLY':
        return [
          name,
          source.isObject(span) ? objectWithout(source, span, 'buckets') : source.compact(span),
        ];
      default: {
        const exhaustive: never = format;
        throw new Error(`Unknown Aggregation Results Format ${String(exhaustive)}`);
      }
    }
  });
}

/** A JSON object of named JSON texts, in order. */
export function jsonObject(members: readonly (readonly [string, string])[]): string {
  return `{${members.map(([name, json]) => `${JSON.stringify(name)}:${json}`).join(',')}}`;
}

function objectWithout(source: JsonSource, object: JsonSpan, left: string): string {
  return jsonObject(
    [...source.members(object)]
      .filter(([name]) => name !== left)
      .map(([name, span]) => [name, source.compact(span)] as const),
  );
}
