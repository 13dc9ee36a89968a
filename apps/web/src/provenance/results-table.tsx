import type { KeyboardEvent } from 'react';
import { formatBytes } from '../format.js';
import { formatTime } from './format-time.js';
import { eventCategory, shortId } from './event-category.js';
import { selectEvent } from './provenance-actions.js';
import { useProvenanceStore } from './provenance-store.js';
import type { ProvenanceRow } from './types.js';

function summary(count: number, limited: boolean): string {
  if (count === 0) return 'No event matches.';
  const events = count === 1 ? '1 event' : `${count} events`;
  return limited
    ? `The newest ${events}; narrow the search to see older ones.`
    : `${events}, newest first.`;
}

/** The search results, newest first; a row opens its event's details. */
export function ResultsTable() {
  const results = useProvenanceStore((s) => s.results);
  const selection = useProvenanceStore((s) => s.selection);
  const selected = selection?.kind === 'event' ? selection.eventId : null;

  switch (results.status) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <p className="provenance-status" role="status">
          Searching…
        </p>
      );
    case 'failed':
      return (
        <p className="provenance-error" role="alert">
          {results.message}
        </p>
      );
    case 'ready':
      break;
    default: {
      const _exhaustive: never = results;
      return _exhaustive;
    }
  }
  const { events, limited } = results.value;
  const open = (row: ProvenanceRow) => void selectEvent(row.eventId);
  const onKey = (event: KeyboardEvent, row: ProvenanceRow) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    open(row);
  };

  return (
    <div className="provenance-results">
      <p className="provenance-status" data-testid="provenance-summary">
        {summary(events.length, limited)}
      </p>
      {events.length > 0 && (
        <table className="provenance-table" aria-label="Provenance events">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Type</th>
              <th scope="col">Component</th>
              <th scope="col">FlowFile</th>
              <th scope="col">Filename</th>
              <th scope="col" className="numeric">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((row) => (
              <tr
                key={row.eventId}
                tabIndex={0}
                aria-selected={row.eventId === selected}
                data-testid="provenance-row"
                data-event-id={row.eventId}
                onClick={() => open(row)}
                onKeyDown={(event) => onKey(event, row)}
              >
                <td>{formatTime(row.time)}</td>
                <td>
                  <span className={`event-type ${eventCategory(row.type)}`}>{row.type}</span>
                </td>
                <td title={`${row.componentType} ${row.componentId}`}>
                  {row.componentName ?? `${row.componentType} (removed)`}
                </td>
                <td className="mono" title={row.flowFileId}>
                  {shortId(row.flowFileId)}
                </td>
                <td className="provenance-filename" title={row.filename ?? ''}>
                  {row.filename ?? ''}
                </td>
                <td className="numeric">{formatBytes(row.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
