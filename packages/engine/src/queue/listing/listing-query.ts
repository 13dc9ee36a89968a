/**
 * What a queue listing can be sorted by: its queue position (the order the destination will take
 * them), content size, when it was queued here, when it entered the flow, or when its lineage began.
 */
export type QueueSortField = 'position' | 'size' | 'queuedDate' | 'entryDate' | 'lineageStartDate';

/** Every sort field, for validation at the edges. */
export const QUEUE_SORT_FIELDS: readonly QueueSortField[] = [
  'position',
  'size',
  'queuedDate',
  'entryDate',
  'lineageStartDate',
];

/** Ascending or descending. */
export type SortDirection = 'asc' | 'desc';

/**
 * A filter on the listing: case-insensitive substring of an attribute value — of the named
 * attribute only, or of any attribute (the filename and uuid are attributes). Empty text matches all.
 */
export interface QueueFilter {
  readonly text: string;
  readonly attribute?: string;
}

/** One page of a queue listing. */
export interface QueueListingQuery {
  readonly offset: number;
  readonly limit: number;
  readonly sort?: QueueSortField;
  readonly direction?: SortDirection;
  readonly filter?: QueueFilter;
}

/** A queued flowfile as a listing row shows it. */
export interface QueuedFlowFileSummary {
  /** 1-based position in the queue (1 is the next the destination takes), as NiFi shows it. */
  readonly position: number;
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  /** Epoch millis it was queued in this connection (its entry date when that is not recorded). */
  readonly queuedDate: number;
  readonly entryDate: number;
  readonly lineageStartDate: number;
  /** Epoch millis until which it is penalized; 0 when it is not. */
  readonly penalizedUntil: number;
}

/** A page of a listing and how many queued flowfiles match the filter in all. */
export interface QueueListingPage {
  readonly total: number;
  /** Queued in all, filter or not (flowfiles a processor has taken are not queued any more). */
  readonly queued: number;
  readonly offset: number;
  readonly flowFiles: readonly QueuedFlowFileSummary[];
}
