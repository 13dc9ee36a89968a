import type { ProvenanceEvent, ProvenanceEventType } from './provenance-event.js';

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
 * can be skipped without parsing them: each searched id, and one of the searched types, must
 * appear in the JSON text. Undefined when the query has nothing to search for.
 */
export function recordFilter(query: ProvenanceQuery): ((payload: Buffer) => boolean) | undefined {
  const allOf: Buffer[] = [];
  if (query.flowFileId !== undefined) allOf.push(Buffer.from(JSON.stringify(query.flowFileId)));
  if (query.componentId !== undefined) allOf.push(Buffer.from(JSON.stringify(query.componentId)));
  const anyOf = (query.types ?? []).map((type) => Buffer.from(`"type":${JSON.stringify(type)}`));
  if (allOf.length === 0 && anyOf.length === 0) return undefined;
  return (payload) =>
    allOf.every((fragment) => payload.includes(fragment)) &&
    (anyOf.length === 0 || anyOf.some((fragment) => payload.includes(fragment)));
}
