import {
  eventContent,
  type ContentSide,
  type FlowEngine,
  type ProvenanceEvent,
  type ProvenanceEventType,
} from '@sluice/engine';

/** One line of a provenance search: what happened, where, to which flowfile. */
export interface ProvenanceRow {
  readonly eventId: number;
  readonly time: number;
  readonly type: ProvenanceEventType;
  readonly componentId: string;
  /** The component's name now; null once it was removed from the flow. */
  readonly componentName: string | null;
  readonly componentType: string;
  readonly flowFileId: string;
  readonly filename: string | null;
  readonly size: number;
}

/** One attribute of an event, before and after it. */
export interface AttributeChange {
  readonly key: string;
  /** Null when the attribute did not exist before the event. */
  readonly before: string | null;
  /** Null when the event removed it. */
  readonly after: string | null;
  readonly changed: boolean;
}

/**
 * Whether one side of an event's content can be read: `available` while its claim exists,
 * `gone` once the content repository deleted it, `empty` for zero bytes, `none` when the event
 * does not record that side (the input of a CREATE).
 */
export type ContentAvailability =
  | { readonly status: 'available'; readonly size: number }
  | { readonly status: 'gone'; readonly size: number }
  | { readonly status: 'empty' }
  | { readonly status: 'none' };

/** Everything about one event: the row, the attributes on both sides, lineage ids, content. */
export interface ProvenanceEventDetails extends ProvenanceRow {
  readonly lineageStartDate: number;
  readonly relationship: string | null;
  readonly details: string | null;
  readonly transitUri: string | null;
  readonly durationMs: number | null;
  readonly parentIds: readonly string[];
  readonly childIds: readonly string[];
  /** Every attribute before or after, by key. */
  readonly attributes: readonly AttributeChange[];
  readonly changedKeys: readonly string[];
  readonly content: { readonly input: ContentAvailability; readonly output: ContentAvailability };
}

/** Names of the flow's processors by id, for rows. */
export function componentNames(engine: FlowEngine): ReadonlyMap<string, string> {
  return new Map(engine.document.flow.processors.map((p) => [p.id, p.name]));
}

/** The row of an event. */
export function rowOf(event: ProvenanceEvent, names: ReadonlyMap<string, string>): ProvenanceRow {
  return {
    eventId: event.eventId,
    time: event.time,
    type: event.type,
    componentId: event.componentId,
    componentName: names.get(event.componentId) ?? null,
    componentType: event.componentType,
    flowFileId: event.flowFileId,
    filename: event.attributes['filename'] ?? null,
    size: event.size,
  };
}

/**
 * The attributes of an event on both sides, sorted by key. Events that did not change attributes
 * keep no copy of the earlier ones: their attributes are the same before and after.
 */
export function attributeChanges(event: ProvenanceEvent): AttributeChange[] {
  const after = event.attributes;
  const before = event.previousAttributes ?? after;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.map((key) => {
    const was = Object.hasOwn(before, key) ? before[key]! : null;
    const is = Object.hasOwn(after, key) ? after[key]! : null;
    return { key, before: was, after: is, changed: was !== is };
  });
}

/** Whether one side of an event's content can still be read. */
export function contentAvailability(
  engine: FlowEngine,
  event: ProvenanceEvent,
  side: ContentSide,
): ContentAvailability {
  const content = eventContent(event, side);
  switch (content.kind) {
    case 'none':
      return { status: 'none' };
    case 'empty':
      return { status: 'empty' };
    case 'claim': {
      const size = content.claim.length;
      return engine.content.holds(content.claim)
        ? { status: 'available', size }
        : { status: 'gone', size };
    }
    default: {
      const _exhaustive: never = content;
      return _exhaustive;
    }
  }
}

/** The full details of an event. */
export function detailsOf(engine: FlowEngine, event: ProvenanceEvent): ProvenanceEventDetails {
  const attributes = attributeChanges(event);
  return {
    ...rowOf(event, componentNames(engine)),
    lineageStartDate: event.lineageStartDate,
    relationship: event.relationship ?? null,
    details: event.details ?? null,
    transitUri: event.transitUri ?? null,
    durationMs: event.durationMs ?? null,
    parentIds: (event.parentIds ?? []).filter((id) => id !== event.flowFileId),
    childIds: (event.childIds ?? []).filter((id) => id !== event.flowFileId),
    attributes,
    changedKeys: attributes.filter((a) => a.changed).map((a) => a.key),
    content: {
      input: contentAvailability(engine, event, 'input'),
      output: contentAvailability(engine, event, 'output'),
    },
  };
}
