import { useState, type ReactNode } from 'react';
import { formatBytes } from '../format.js';
import { AttributesTable } from './attributes-table.js';
import { ContentViewer } from './content-viewer.js';
import { eventCategory } from './event-category.js';
import { formatTime } from './format-time.js';
import { followFlowFile, showLineage } from './provenance-actions.js';
import type { ContentAvailability, ContentSide, EventDetails } from './types.js';

/** Props of {@link EventDetailsPane}. */
export interface EventDetailsPaneProps {
  readonly flowId: string;
  readonly event: EventDetails;
}

function Field({ name, children }: { readonly name: string; readonly children: ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Flowfile ids as buttons that go to the flowfile in its lineage. */
function FlowFileLinks({
  label,
  ids,
}: {
  readonly label: string;
  readonly ids: readonly string[];
}) {
  if (ids.length === 0) return null;
  return (
    <Field name={label}>
      <ul className="provenance-links" aria-label={label}>
        {ids.map((id) => (
          <li key={id}>
            <button type="button" className="link-btn mono" onClick={() => void followFlowFile(id)}>
              {id}
            </button>
          </li>
        ))}
      </ul>
    </Field>
  );
}

function availabilityText(content: ContentAvailability): string {
  switch (content.status) {
    case 'available':
      return formatBytes(content.size);
    case 'gone':
      return `${formatBytes(content.size)}, no longer available`;
    case 'empty':
      return 'empty';
    case 'none':
      return 'not recorded';
    default: {
      const _exhaustive: never = content;
      return _exhaustive;
    }
  }
}

/**
 * The details of one event: what, when, where, the flowfile and its parents and children, its
 * attributes before and after, and its content before (input) and after (output), viewable
 * while the content repository still holds it.
 */
export function EventDetailsPane({ flowId, event }: EventDetailsPaneProps) {
  const [viewing, setViewing] = useState<ContentSide | null>(null);
  const sides: readonly ContentSide[] = ['input', 'output'];
  const duration = event.durationMs;
  const viewed = viewing === null ? null : event.content[viewing];
  return (
    <div className="provenance-details" data-testid="event-details" data-event-id={event.eventId}>
      <header className="provenance-details-head">
        <span className={`event-type ${eventCategory(event.type)}`}>{event.type}</span>
        <span className="provenance-muted">event {event.eventId}</span>
      </header>
      <dl className="provenance-fields">
        <Field name="Time">{formatTime(event.time)}</Field>
        <Field name="Component">
          {event.componentName ?? '(removed)'}{' '}
          <span className="provenance-muted">{event.componentType}</span>
        </Field>
        <Field name="FlowFile">
          <span className="mono" data-testid="event-flowfile">
            {event.flowFileId}
          </span>
        </Field>
        <Field name="Size">{formatBytes(event.size)}</Field>
        {event.relationship !== null && <Field name="Relationship">{event.relationship}</Field>}
        {event.transitUri !== null && (
          <Field name="Transit URI">
            <span className="mono">{event.transitUri}</span>
          </Field>
        )}
        {event.details !== null && <Field name="Details">{event.details}</Field>}
        {duration !== null && <Field name="Duration">{duration} ms</Field>}
        <Field name="Lineage start">{formatTime(event.lineageStartDate)}</Field>
        <FlowFileLinks label="Parents" ids={event.parentIds} />
        <FlowFileLinks label="Children" ids={event.childIds} />
      </dl>
      <div className="provenance-actions">
        <button
          type="button"
          className="btn"
          onClick={() =>
            void showLineage(event.flowFileId, { kind: 'event', eventId: event.eventId })
          }
        >
          Show lineage
        </button>
      </div>
      <section className="provenance-section" aria-label="Content">
        <h3>Content</h3>
        <ul className="provenance-sides">
          {sides.map((side) => {
            const content = event.content[side];
            const label = side === 'input' ? 'Input' : 'Output';
            return (
              <li key={side} data-testid={`content-${side}`} data-status={content.status}>
                <span className="provenance-side-name">{label}</span>
                <span className="provenance-muted">{availabilityText(content)}</span>
                {content.status === 'available' && (
                  <button
                    type="button"
                    className="btn"
                    aria-pressed={viewing === side}
                    onClick={() => setViewing(viewing === side ? null : side)}
                  >
                    View {side}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {viewing !== null && viewed?.status === 'available' && (
          <ContentViewer
            key={`${event.eventId}:${viewing}`}
            flowId={flowId}
            eventId={event.eventId}
            side={viewing}
            size={viewed.size}
            onClose={() => setViewing(null)}
          />
        )}
      </section>
      <AttributesTable attributes={event.attributes} />
    </div>
  );
}
