import type { FlowFile } from '../flowfile/flowfile.js';
import type { NewProvenanceEvent, ProvenanceEventType } from '../provenance/provenance-event.js';
import type { SessionProvenance } from './process-session.js';
import type { TrackedFlowFile } from './tracked-flowfile.js';

/** A provenance event while it is being built. */
export type EventDraft = { -readonly [K in keyof NewProvenanceEvent]: NewProvenanceEvent[K] };

/**
 * The provenance events of one session, appended to the repository at commit. Events are built
 * field by field, optional fields only when set, so they share a few hidden classes.
 */
export class SessionEvents {
  readonly events: NewProvenanceEvent[] = [];
  readonly #component: { readonly id: string; readonly type: string };
  /** The DROP details of auto-terminated flowfiles, one string per relationship. */
  readonly #terminated = new Map<string, string>();
  /** The last event the processor reported for each flowfile (SEND, ROUTE...), by flowfile id. */
  readonly #reported = new Map<string, EventDraft>();

  constructor(component: { readonly id: string; readonly type: string }) {
    this.#component = component;
  }

  /** Adds an event about `flowFile` (as it is now) and returns it, to set optional fields on. */
  add(type: ProvenanceEventType, flowFile: FlowFile, time: number): EventDraft {
    const event: EventDraft = {
      type,
      time,
      flowFileId: flowFile.id,
      componentId: this.#component.id,
      componentType: this.#component.type,
      attributes: flowFile.attributes,
      size: flowFile.size,
      contentClaim: flowFile.claim,
      lineageStartDate: flowFile.lineageStartDate,
    };
    this.events.push(event);
    return event;
  }

  /** Adds an event the processor reports itself (see {@link reportedEvents}). */
  report(type: ProvenanceEventType, flowFile: FlowFile, time: number): EventDraft {
    const event = this.add(type, flowFile, time);
    this.#reported.set(flowFile.id, event);
    return event;
  }

  /**
   * The event saying how the flowfile came to be or what the session changed: FORK, JOIN or
   * CLONE for a child, CREATE for a new flowfile, CONTENT_MODIFIED (with the content before, and
   * the attributes before if they changed too), or ATTRIBUTES_MODIFIED (with the attributes
   * before) when only attributes changed, unless the processor reported an event of the
   * flowfile as committed, which then carries the attributes before. None for a flowfile passed
   * on as it was. The attributes before are the original's own object: flowfiles are immutable.
   */
  lineage(tracked: TrackedFlowFile, time: number): void {
    const flowFile = tracked.current;
    const { original, lineage } = tracked;
    if (lineage !== undefined) {
      const event = this.add(lineage.type, flowFile, time);
      event.parentIds = [...lineage.parents];
      event.childIds = [flowFile.id];
    } else if (original === undefined) {
      this.add('CREATE', flowFile, time);
    } else if (tracked.contentModified) {
      // The input content and any attributes changed with it, so the event shows both sides.
      const event = this.add('CONTENT_MODIFIED', flowFile, time);
      if (original.claim !== null) event.previousContentClaim = original.claim;
      if (
        original.attributes !== flowFile.attributes &&
        !sameAttributes(original.attributes, flowFile.attributes)
      ) {
        event.previousAttributes = original.attributes;
      }
    } else if (original !== flowFile && !sameAttributes(original.attributes, flowFile.attributes)) {
      const reported = this.#reported.get(flowFile.id);
      if (reported !== undefined && reported.attributes === flowFile.attributes) {
        // As in NiFi, no ATTRIBUTES_MODIFIED beside an event the processor reported: that event
        // already shows the attributes as committed, and now the attributes before too.
        reported.previousAttributes = original.attributes;
      } else {
        this.add('ATTRIBUTES_MODIFIED', flowFile, time).previousAttributes = original.attributes;
      }
    }
  }

  /** DROP of a flowfile auto-terminated by `relationship`. */
  terminated(flowFile: FlowFile, relationship: string, time: number): void {
    let details = this.#terminated.get(relationship);
    if (details === undefined) {
      details = `Auto-terminated by ${relationship} relationship`;
      this.#terminated.set(relationship, details);
    }
    // One literal with every field: the most common event gets no property added later.
    this.events.push({
      type: 'DROP',
      time,
      flowFileId: flowFile.id,
      componentId: this.#component.id,
      componentType: this.#component.type,
      attributes: flowFile.attributes,
      size: flowFile.size,
      contentClaim: flowFile.claim,
      lineageStartDate: flowFile.lineageStartDate,
      details,
      relationship,
    });
  }
}

/**
 * The events a processor reports itself (data crossing the flow's edge, routing decisions),
 * each added through `add` for the flowfile's latest version.
 */
export function reportedEvents(
  add: (type: ProvenanceEventType, flowFile: FlowFile) => EventDraft,
): SessionProvenance {
  const report = (type: ProvenanceEventType, flowFile: FlowFile, details?: string) => {
    const event = add(type, flowFile);
    if (details !== undefined) event.details = details;
    return event;
  };
  return {
    receive: (f, uri, details) => void (report('RECEIVE', f, details).transitUri = uri),
    fetch: (f, uri, details) => void (report('FETCH', f, details).transitUri = uri),
    send: (f, uri, details) => void (report('SEND', f, details).transitUri = uri),
    route: (f, relationship, details) =>
      void (report('ROUTE', f, details).relationship = relationship),
  };
}

function sameAttributes(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  // for...in and a count: no key arrays on the per-flowfile commit path.
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (Object.hasOwn(b, key)) count--;
  return count === 0;
}
