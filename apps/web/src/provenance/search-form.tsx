import { useMemo, type FormEvent } from 'react';
import { useGraphStore } from '../stores/graph-store.js';
import { runSearch } from './provenance-actions.js';
import { useProvenanceStore } from './provenance-store.js';
import { NO_CRITERIA } from './search-criteria.js';
import { EVENT_TYPES, type EventType } from './types.js';

/**
 * The provenance search form: component (the flow's processors), flowfile UUID, part of a
 * filename, a time range and an event type. Empty fields match anything.
 */
export function SearchForm() {
  const criteria = useProvenanceStore((s) => s.criteria);
  const problem = useProvenanceStore((s) => s.problem);
  const searching = useProvenanceStore((s) => s.results.status === 'loading');
  const setCriteria = useProvenanceStore((s) => s.setCriteria);
  const processors = useGraphStore((s) => s.processors);
  const options = useMemo(
    () => [...processors].sort((a, b) => a.name.localeCompare(b.name)),
    [processors],
  );
  // A component that is no longer in the flow (its events remain) still shows as chosen.
  const unknownComponent =
    criteria.componentId !== '' && !processors.some((p) => p.id === criteria.componentId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void runSearch();
  };

  return (
    <form className="provenance-form" aria-label="Search provenance" onSubmit={submit}>
      <label>
        <span>Component</span>
        <select
          value={criteria.componentId}
          onChange={(e) => setCriteria({ componentId: e.target.value })}
        >
          <option value="">Any component</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.type})
            </option>
          ))}
          {unknownComponent && <option value={criteria.componentId}>{criteria.componentId}</option>}
        </select>
      </label>
      <label>
        <span>FlowFile UUID</span>
        <input
          type="text"
          value={criteria.flowFileId}
          placeholder="any"
          spellCheck={false}
          onChange={(e) => setCriteria({ flowFileId: e.target.value })}
        />
      </label>
      <label>
        <span>Filename contains</span>
        <input
          type="text"
          value={criteria.filename}
          placeholder="any"
          spellCheck={false}
          onChange={(e) => setCriteria({ filename: e.target.value })}
        />
      </label>
      <label>
        <span>From</span>
        <input
          type="datetime-local"
          value={criteria.from}
          onChange={(e) => setCriteria({ from: e.target.value })}
        />
      </label>
      <label>
        <span>To</span>
        <input
          type="datetime-local"
          value={criteria.to}
          onChange={(e) => setCriteria({ to: e.target.value })}
        />
      </label>
      <label>
        <span>Event type</span>
        <select
          value={criteria.type}
          onChange={(e) => setCriteria({ type: e.target.value as EventType | '' })}
        >
          <option value="">Any type</option>
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <div className="provenance-form-actions">
        <button type="submit" className="btn primary" disabled={searching}>
          Search
        </button>
        <button type="button" className="btn" onClick={() => setCriteria(NO_CRITERIA)}>
          Clear
        </button>
      </div>
      {problem !== null && (
        <p className="provenance-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
