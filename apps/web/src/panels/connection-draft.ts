import type { FlowView } from '../api/types.js';
import type { ConnectionChange } from './connection-panel.js';
import type { Prioritizer } from './prioritizer-list.js';
import { dataSizeProblem, durationProblem } from './units.js';

/** A connection as the flow shows it. */
export type ConnectionView = FlowView['flow']['connections'][number];

/** Everything the connection panel edits, as typed. */
export interface ConnectionDraft {
  readonly name: string;
  readonly objectThreshold: string;
  readonly dataSizeThreshold: string;
  readonly expiration: string;
  readonly prioritizers: readonly Prioritizer[];
}

/** A field of the connection panel that can be wrong. */
export type ConnectionField = 'objectThreshold' | 'dataSizeThreshold' | 'expiration';

/** A problem with one field of the connection panel. */
export interface ConnectionIssue {
  readonly field: ConnectionField;
  readonly message: string;
}

/** The form's starting point: the connection as saved. */
export function draftFromConnection(connection: ConnectionView): ConnectionDraft {
  return {
    name: connection.name ?? '',
    objectThreshold: String(connection.backPressure.objectThreshold),
    dataSizeThreshold: connection.backPressure.dataSizeThreshold,
    expiration: connection.expiration,
    prioritizers: [...connection.prioritizers],
  };
}

/** The object threshold as a number, or undefined unless it is a whole number of 0 or more. */
export function parseThreshold(text: string): number | undefined {
  return /^\s*\d+\s*$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

/**
 * What the server would refuse, found while typing: the flow schema's own words for sizes and
 * durations, and its rule for the object threshold (a whole number, 0 meaning no limit).
 */
export function connectionIssues(draft: ConnectionDraft): ConnectionIssue[] {
  const issues: ConnectionIssue[] = [];
  if (parseThreshold(draft.objectThreshold) === undefined) {
    issues.push({
      field: 'objectThreshold',
      message: `Back pressure object threshold must be a whole number of 0 or more (0 means no limit); got ${JSON.stringify(draft.objectThreshold)}`,
    });
  }
  const size = dataSizeProblem(draft.dataSizeThreshold);
  if (size)
    issues.push({ field: 'dataSizeThreshold', message: `Back pressure size threshold: ${size}` });
  const age = durationProblem(draft.expiration);
  if (age) issues.push({ field: 'expiration', message: `FlowFile expiration: ${age}` });
  return issues;
}

/** What Apply sends: only what differs from the saved connection. */
export function connectionChangeOf(
  base: ConnectionDraft,
  draft: ConnectionDraft,
): ConnectionChange {
  const change: ConnectionChange = {};
  if (draft.name !== base.name) change.name = draft.name;
  const backPressure: NonNullable<ConnectionChange['backPressure']> = {};
  const threshold = parseThreshold(draft.objectThreshold);
  if (threshold !== undefined && threshold !== parseThreshold(base.objectThreshold)) {
    backPressure.objectThreshold = threshold;
  }
  if (draft.dataSizeThreshold !== base.dataSizeThreshold) {
    backPressure.dataSizeThreshold = draft.dataSizeThreshold;
  }
  if (Object.keys(backPressure).length > 0) change.backPressure = backPressure;
  if (draft.expiration !== base.expiration) change.expiration = draft.expiration;
  // Order matters: the first prioritizer decides, the next breaks ties.
  if (draft.prioritizers.join() !== base.prioritizers.join()) {
    change.prioritizers = [...draft.prioritizers];
  }
  return change;
}
