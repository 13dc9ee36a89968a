import type { ApiOutputs } from '../api/types.js';

/** A component's status history as `status.history` returns it: times and a column per metric. */
export type StatusHistoryView = ApiOutputs['status']['history'];
/** What the history is of. */
export type HistoryKind = StatusHistoryView['kind'];
