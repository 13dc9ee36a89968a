import type { ContentClaim } from '../content/content-claim.js';

/** Every provenance event type, in NiFi's vocabulary. */
export const PROVENANCE_EVENT_TYPES = [
  'CREATE',
  'RECEIVE',
  'FETCH',
  'SEND',
  'DROP',
  'EXPIRE',
  'CONTENT_MODIFIED',
  'ATTRIBUTES_MODIFIED',
  'ROUTE',
  'CLONE',
  'FORK',
  'JOIN',
] as const;

/** What happened to a flowfile. */
export type ProvenanceEventType = (typeof PROVENANCE_EVENT_TYPES)[number];

/**
 * One thing that happened to a flowfile, recorded for lineage and audit. For CLONE and FORK the
 * event is about the parent and `childIds` lists the new flowfiles; for JOIN it is about the new
 * flowfile and `parentIds` lists the flowfiles it was made from (as in NiFi).
 */
export interface ProvenanceEvent {
  /** Increasing across the repository's life, including restarts. */
  readonly eventId: number;
  readonly type: ProvenanceEventType;
  /** Epoch millis. */
  readonly time: number;
  readonly flowFileId: string;
  readonly componentId: string;
  readonly componentType: string;
  /** The flowfile's attributes after the event. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The attributes before the event, when it changed them. */
  readonly previousAttributes?: Readonly<Record<string, string>>;
  /** Content size in bytes. */
  readonly size: number;
  /** Where the content was at the time; viewable while the claim still exists. */
  readonly contentClaim: ContentClaim | null;
  /**
   * Where the content was before the event, for an event that changed it (CONTENT_MODIFIED):
   * the event's input content, as NiFi's "previous content claim". Absent when the content was
   * empty before, or for events recorded before it was kept.
   */
  readonly previousContentClaim?: ContentClaim;
  readonly lineageStartDate: number;
  readonly parentIds?: readonly string[];
  readonly childIds?: readonly string[];
  /** The relationship a ROUTE event routed to. */
  readonly relationship?: string;
  readonly details?: string;
  /** Where the data came from or went to (RECEIVE, FETCH, SEND). */
  readonly transitUri?: string;
  readonly durationMs?: number;
}

/** An event before the repository assigns its id. */
export type NewProvenanceEvent = Omit<ProvenanceEvent, 'eventId'>;
