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
 * Strings that every matching record's raw bytes must contain, so a record can be skipped
 * without parsing it. Ids are searched in their JSON-escaped form, as they appear in the file.
 */
export function requiredFragments(query: ProvenanceQuery): string[] {
  const fragments: string[] = [];
  if (query.flowFileId !== undefined) fragments.push(JSON.stringify(query.flowFileId));
  if (query.componentId !== undefined) fragments.push(JSON.stringify(query.componentId));
  return fragments;
}
