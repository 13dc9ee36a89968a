import type { EventDetails, Lineage, LineageNode, ProvenanceRow, SearchResult } from './types.js';

/** A search row of flowfile `a` by the ReplaceText 'Wrap' (p2). */
export function row(eventId: number, overrides: Partial<ProvenanceRow> = {}): ProvenanceRow {
  return {
    eventId,
    time: 1_777_000_000_000 + eventId,
    type: 'CONTENT_MODIFIED',
    componentId: 'p2',
    componentName: 'Wrap',
    componentType: 'ReplaceText',
    flowFileId: 'aaaaaaaa-1111',
    filename: 'a.txt',
    size: 14,
    ...overrides,
  };
}

/** A search answer. */
export function results(rows: ProvenanceRow[], limited = false): SearchResult {
  return { events: rows, limited };
}

/** The details of a CONTENT_MODIFIED event that also changed `mime.type`. */
export function details(eventId: number, overrides: Partial<EventDetails> = {}): EventDetails {
  return {
    ...row(eventId),
    lineageStartDate: 1_777_000_000_000,
    relationship: null,
    details: null,
    transitUri: null,
    durationMs: null,
    parentIds: [],
    childIds: [],
    attributes: [
      { key: 'filename', before: 'a.txt', after: 'a.txt', changed: false },
      { key: 'mime.type', before: null, after: 'text/plain', changed: true },
    ],
    changedKeys: ['mime.type'],
    content: {
      input: { status: 'gone', size: 5 },
      output: { status: 'available', size: 14 },
    },
    ...overrides,
  };
}

function event(eventId: number, flowFileId: string, eventType: string): LineageNode {
  return {
    id: `event-${eventId}`,
    kind: 'event',
    eventId,
    eventType: eventType as 'CREATE',
    time: 1_777_000_000_000 + eventId,
    flowFileId,
    componentId: 'p1',
    componentType: 'GenerateFlowFile',
    componentName: 'Generate',
  };
}

/** a: CREATE → CONTENT_MODIFIED → CLONE (child b) → SEND; b: DROP. */
export function lineage(flowFileId = 'aaaaaaaa-1111'): Lineage {
  const a = 'aaaaaaaa-1111';
  const b = 'bbbbbbbb-2222';
  return {
    flowFileId,
    nodes: [
      { id: a, kind: 'flowfile', flowFileId: a },
      event(1, a, 'CREATE'),
      event(2, a, 'CONTENT_MODIFIED'),
      event(3, a, 'CLONE'),
      { id: b, kind: 'flowfile', flowFileId: b },
      event(4, a, 'SEND'),
      event(5, b, 'DROP'),
    ],
    links: [
      { source: a, target: 'event-1', kind: 'start' },
      { source: 'event-1', target: 'event-2', kind: 'next' },
      { source: 'event-2', target: 'event-3', kind: 'next' },
      { source: 'event-3', target: b, kind: 'child' },
      { source: 'event-3', target: 'event-4', kind: 'next' },
      { source: b, target: 'event-5', kind: 'start' },
    ],
    truncated: false,
    total: 7,
  };
}
