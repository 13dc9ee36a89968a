import type { ProvenanceEvent, ProvenanceEventType } from './provenance-event.js';
import { recordTypeMask, typeBit } from './provenance-record.js';

/** A provenance search; every given criterion must match. */
export interface ProvenanceQuery {
  readonly flowFileId?: string;
  readonly componentId?: string;
  /** Text the event's `filename` attribute contains (case-sensitive). */
  readonly filename?: string;
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
  const { flowFileId, componentId, filename, from, to } = query;
  return (event) =>
    (flowFileId === undefined || event.flowFileId === flowFileId) &&
    (componentId === undefined || event.componentId === componentId) &&
    (filename === undefined || (event.attributes['filename']?.includes(filename) ?? false)) &&
    (types === undefined || types.has(event.type)) &&
    (from === undefined || event.time >= from) &&
    (to === undefined || event.time <= to);
}

/**
 * A test on a record's raw bytes that every record holding a match passes, so most other records
 * can be skipped without parsing them: each searched id must appear in the bytes (binary records
 * hold every string as UTF-8 text, JSON records as quoted JSON text), and one of the searched
 * types must be in the record (binary records list their types in a header mask; JSON records
 * must hold the `"type":"…"` text). A searched filename is part of a value, so its text must
 * appear: JSON-escaped in JSON records (escaping is per character, so the escaped part is part of
 * the escaped value), UTF-8 or UTF-16 in binary ones (a value with a lone surrogate is stored as
 * UTF-16). Undefined when the query has nothing to search for.
 */
export function recordFilter(query: ProvenanceQuery): ((payload: Buffer) => boolean) | undefined {
  const ids = [query.flowFileId, query.componentId].filter((id) => id !== undefined);
  const types = query.types ?? [];
  const { filename } = query;
  if (ids.length === 0 && types.length === 0 && filename === undefined) return undefined;
  const jsonAllOf = ids.map((id) => Buffer.from(JSON.stringify(id)));
  // A filename with a lone surrogate may be half of a pair in a value: not searched for.
  const wellFormedName = filename !== undefined && Buffer.from(filename).toString() === filename;
  if (wellFormedName) jsonAllOf.push(Buffer.from(JSON.stringify(filename).slice(1, -1)));
  const binaryName = wellFormedName
    ? [Buffer.from(filename), Buffer.from(filename, 'utf16le')]
    : undefined;
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
        binaryAllOf.every((fragment) => payload.includes(fragment)) &&
        (binaryName === undefined || binaryName.some((fragment) => payload.includes(fragment)))
      );
    }
    return (
      jsonAllOf.every((fragment) => payload.includes(fragment)) &&
      (jsonAnyOf.length === 0 || jsonAnyOf.some((fragment) => payload.includes(fragment)))
    );
  };
}
