import type { ApiInputs, ApiOutputs } from '../api/types.js';

/** What `provenance.search` answers: rows, newest first, and whether the limit cut them. */
export type SearchResult = ApiOutputs['provenance']['search'];
/** One row of a provenance search. */
export type ProvenanceRow = SearchResult['events'][number];
/** What `provenance.search` takes. */
export type SearchInput = ApiInputs['provenance']['search'];
/** A provenance event type (CREATE, SEND…). */
export type EventType = ProvenanceRow['type'];
/** One event with its attributes before and after, lineage ids and content availability. */
export type EventDetails = ApiOutputs['provenance']['event'];
/** One attribute of an event, before and after it. */
export type AttributeChange = EventDetails['attributes'][number];
/** Whether one side of an event's content can be read. */
export type ContentAvailability = EventDetails['content']['input'];
/** A flowfile's lineage: flowfile and event nodes, typed links. */
export type Lineage = ApiOutputs['provenance']['lineage'];
/** A node of a lineage. */
export type LineageNode = Lineage['nodes'][number];
/** An event node of a lineage. */
export type LineageEventNode = Extract<LineageNode, { kind: 'event' }>;
/** A link of a lineage. */
export type LineageLink = Lineage['links'][number];
/** A range of content, as text or hex. */
export type ContentPreview = ApiOutputs['provenance']['content'];
/** Which content of an event: before it or after it. */
export type ContentSide = ApiInputs['provenance']['content']['side'];

/**
 * Every event type, in NiFi's order, for the type filter. Written as a record so the compiler
 * says when the server's list (the engine's PROVENANCE_EVENT_TYPES, which the browser cannot
 * import) gains or loses a type.
 */
const EVENT_TYPE_ORDER: Record<EventType, number> = {
  CREATE: 0,
  RECEIVE: 1,
  FETCH: 2,
  SEND: 3,
  DROP: 4,
  EXPIRE: 5,
  CONTENT_MODIFIED: 6,
  ATTRIBUTES_MODIFIED: 7,
  ROUTE: 8,
  CLONE: 9,
  FORK: 10,
  JOIN: 11,
};

/** {@link EVENT_TYPE_ORDER} as a list. */
export const EVENT_TYPES: readonly EventType[] = (
  Object.keys(EVENT_TYPE_ORDER) as EventType[]
).sort((a, b) => EVENT_TYPE_ORDER[a] - EVENT_TYPE_ORDER[b]);
