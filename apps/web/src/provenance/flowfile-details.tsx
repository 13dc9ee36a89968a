import { useMemo } from 'react';
import { eventCategory } from './event-category.js';
import { formatTime } from './format-time.js';
import { relationsOf } from './lineage-relations.js';
import { followFlowFile, runSearch, selectEvent } from './provenance-actions.js';
import { useProvenanceStore } from './provenance-store.js';
import type { Lineage } from './types.js';

/** Flowfile ids as buttons that select the flowfile in the lineage. */
function Related({ label, ids }: { readonly label: string; readonly ids: readonly string[] }) {
  return (
    <section className="provenance-section" aria-label={label}>
      <h3>{label}</h3>
      {ids.length === 0 ? (
        <p className="provenance-muted">none</p>
      ) : (
        <ul className="provenance-links">
          {ids.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="link-btn mono"
                onClick={() => void followFlowFile(id)}
              >
                {id}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A flowfile picked in the lineage: its events there (each opens its details), the flowfiles
 * it came from and those made from it, and a search for all its events.
 */
export function FlowFileDetails({
  lineage,
  flowFileId,
}: {
  readonly lineage: Lineage;
  readonly flowFileId: string;
}) {
  const relations = useMemo(() => relationsOf(lineage, flowFileId), [lineage, flowFileId]);
  const searchIt = () => {
    useProvenanceStore.getState().setCriteria({ flowFileId, filename: '', componentId: '' });
    void runSearch();
  };
  return (
    <div
      className="provenance-details"
      data-testid="flowfile-details"
      data-flowfile-id={flowFileId}
    >
      <header className="provenance-details-head">
        <span className="event-type flowfile">FlowFile</span>
      </header>
      <p className="mono provenance-id">{flowFileId}</p>
      <section className="provenance-section" aria-label="Events">
        <h3>Events</h3>
        {relations.events.length === 0 ? (
          <p className="provenance-muted">none recorded in this lineage</p>
        ) : (
          <ul className="provenance-links">
            {relations.events.map((e) => (
              <li key={e.eventId}>
                <button
                  type="button"
                  className="link-btn"
                  onClick={() => void selectEvent(e.eventId)}
                >
                  <span className={`event-type ${eventCategory(e.eventType)}`}>{e.eventType}</span>{' '}
                  {e.componentName ?? e.componentType} · {formatTime(e.time)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Related label="Parents" ids={relations.parents} />
      <Related label="Children" ids={relations.children} />
      <div className="provenance-actions">
        <button type="button" className="btn" onClick={searchIt}>
          Search its events
        </button>
      </div>
    </div>
  );
}
