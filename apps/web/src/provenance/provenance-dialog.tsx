import { useEffect } from 'react';
import { Modal } from '../chrome/modal.js';
import { useGraphStore } from '../stores/graph-store.js';
import { EventDetailsPane } from './event-details.js';
import { FlowFileDetails } from './flowfile-details.js';
import { LineagePane } from './lineage-pane.js';
import { closeProvenance } from './provenance-actions.js';
import { useProvenanceStore } from './provenance-store.js';
import { ResultsTable } from './results-table.js';
import { SearchForm } from './search-form.js';
import { useOpenLineageEvent } from './use-open-lineage-event.js';
import '../chrome/dialog.css';
import './provenance.css';

/**
 * Mounted once in the editor: listens for requests to open a lineage, shows the provenance view
 * while it is open, and closes it when another flow is opened (its events are another flow's).
 */
export function ProvenanceHost() {
  useOpenLineageEvent();
  const open = useProvenanceStore((s) => s.open);
  const viewFlow = useProvenanceStore((s) => s.flowId);
  const flowId = useGraphStore((s) => s.flowId);
  useEffect(() => {
    if (open && viewFlow !== flowId) closeProvenance();
  }, [open, viewFlow, flowId]);
  if (!open || flowId === null || viewFlow !== flowId) return null;
  return <ProvenanceDialog flowId={flowId} />;
}

function DetailsPane({ flowId }: { readonly flowId: string }) {
  const selection = useProvenanceStore((s) => s.selection);
  const details = useProvenanceStore((s) => s.details);
  const lineage = useProvenanceStore((s) => s.lineage);
  if (selection === null) {
    return (
      <p className="provenance-hint">Pick an event to see its attributes, content and lineage.</p>
    );
  }
  if (selection.kind === 'flowfile') {
    return lineage.status === 'ready' ? (
      <FlowFileDetails lineage={lineage.value} flowFileId={selection.flowFileId} />
    ) : null;
  }
  switch (details.status) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <p className="provenance-status" role="status">
          Loading event {selection.eventId}…
        </p>
      );
    case 'failed':
      return (
        <p className="provenance-error" role="alert">
          {details.message}
        </p>
      );
    case 'ready':
      return <EventDetailsPane key={details.value.eventId} flowId={flowId} event={details.value} />;
    default: {
      const _exhaustive: never = details;
      return _exhaustive;
    }
  }
}

/**
 * NiFi's data provenance, for the open flow: search events by component, flowfile, filename,
 * time and type; open one to see its attributes before and after and its content; follow a
 * flowfile's lineage through clones, forks and joins.
 */
export function ProvenanceDialog({ flowId }: { readonly flowId: string }) {
  const view = useProvenanceStore((s) => s.view);
  return (
    <Modal
      className="dialog provenance-dialog"
      labelledBy="provenance-title"
      testId="provenance-dialog"
      onClose={closeProvenance}
    >
      <header className="provenance-header">
        <h2 id="provenance-title">Provenance</h2>
        <span className="provenance-spacer" />
        <button
          type="button"
          className="icon-btn"
          aria-label="Close provenance"
          autoFocus
          onClick={closeProvenance}
        >
          ×
        </button>
      </header>
      <SearchForm />
      <div className="provenance-body">
        <section
          className="provenance-main"
          aria-label={view === 'lineage' ? 'Lineage' : 'Results'}
        >
          {view === 'lineage' ? <LineagePane /> : <ResultsTable />}
        </section>
        <aside className="provenance-side" aria-label="Details">
          <DetailsPane flowId={flowId} />
        </aside>
      </div>
    </Modal>
  );
}
