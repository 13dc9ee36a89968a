import type { ProvenanceEvent, ProvenanceEventType } from './provenance-event.js';
import { recordTypeMask, typeBit } from './provenance-record.js';

/** A provenance search; every given criterion must match. */
export interface ProvenanceQuery {
  readonly flowFileId?: string;
  readonly componentId?: string;
  readonly types?: readonly ProvenanceEventType[];
  /** Earliest event time, epoch millis, inclusive. */
  readonly from?: number;
  /** Latest event time, epoch millis, inclusive. */
  readonly to?: number;
  /** At most this many events (default 1000). */
  readonly limit?: number;
  /** Newest events first (default: oldest first, in eventId order). */
  readonly newestFirst?: boolean;
}

/** Default {@link ProvenanceQuery.limit}. */
export const DEFAULT_QUERY_LIMIT = 1000;

/** A predicate for the events `query` selects. */
export function matcher(query: ProvenanceQuery): (event: ProvenanceEvent) => boolean {
  const types = query.types === undefined ? undefined : new Set<string>(query.types);
  const { flowFileId, componentId, from, to } = query;
  return (event) =>
    (flowFileId === undefined || event.flowFileId === flowFileId) &&
    (componentId === undefined || event.componentId === componentId) &&
    (types === undefined || types.has(event.type)) &&
    (from === undefined || event.time >= from) &&
    (to === undefined || event.time <= to);
}

/**
 * A test on a record's raw bytes that every record holding a match passes, so most other records
 * can be skipped without parsing them: each searched id must appear in the bytes (binary records
 * hold every string as UTF-8 text, JSON records as quoted JSON text), and one of the searched
 * types must be in the record (binary records list their types in a header mask; JSON records
 * must hold the `"type":"…"` text). Undefined when the query has nothing to search for.
 */
export function recordFilter(query: ProvenanceQuery): ((payload: Buffer) => boolean) | undefined {
  const ids = [query.flowFileId, query.componentId].filter((id) => id !== undefined);
  const types = query.types ?? [];
  if (ids.length === 0 && types.length === 0) return undefined;
  const jsonAllOf = ids.map((id) => Buffer.from(JSON.stringify(id)));
  const jsonAnyOf = types.map((type) => Buffer.from(`"type":${JSON.stringify(type)}`));
  // A string with a lone surrogate is stored as UTF-16 in a binary record: not searched for.
  const binaryAllOf = ids
    .filter((id) => Buffer.from(id).toString() === id)
    .map((id) => Buffer.from(id));
  const typeMask = types.reduce((mask, type) => mask | typeBit(type), 0);
  return (payload) => {
    const mask = recordTypeMask(payload);
    if (mask !== undefined) {
      return (
        (types.length === 0 || (mask & typeMask) !== 0) &&
        binaryAllOf.every((fragment) => payload.includes(fragment))
      );
    }
    return (
      jsonAllOf.every((fragment) => payload.includes(fragment)) &&
      (jsonAnyOf.length === 0 || jsonAnyOf.some((fragment) => payload.includes(fragment)))
    );
  };
}
