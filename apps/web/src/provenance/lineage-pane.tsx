import { selectEvent, selectFlowFile, showResults } from './provenance-actions.js';
import { useProvenanceStore } from './provenance-store.js';
import { LineageGraph } from './lineage-graph.js';

/** The lineage shown in the main area: the graph, or why there is none yet. */
export function LineagePane() {
  const lineage = useProvenanceStore((s) => s.lineage);
  const selection = useProvenanceStore((s) => s.selection);
  const hasResults = useProvenanceStore((s) => s.results.status !== 'idle');

  return (
    <div className="provenance-lineage">
      <div className="provenance-lineage-bar">
        {hasResults && (
          <button type="button" className="btn" onClick={showResults}>
            Back to results
          </button>
        )}
        {lineage.status === 'ready' && (
          <span className="provenance-muted" data-testid="lineage-summary">
            Lineage of <span className="mono">{lineage.value.flowFileId}</span>:{' '}
            {lineage.value.nodes.filter((n) => n.kind === 'flowfile').length} flowfiles,{' '}
            {lineage.value.nodes.filter((n) => n.kind === 'event').length} events
            {lineage.value.truncated &&
              ` (the ${lineage.value.nodes.length} nodes nearest it of ${lineage.value.total})`}
          </span>
        )}
      </div>
      {lineage.status === 'loading' && (
        <p className="provenance-status" role="status">
          Tracing the lineage…
        </p>
      )}
      {lineage.status === 'failed' && (
        <p className="provenance-error" role="alert">
          {lineage.message}
        </p>
      )}
      {lineage.status === 'ready' && (
        <div className="provenance-lineage-scroll">
          <LineageGraph
            lineage={lineage.value}
            selection={selection}
            onSelectEvent={(eventId) => void selectEvent(eventId)}
            onSelectFlowFile={selectFlowFile}
          />
        </div>
      )}
    </div>
  );
}
