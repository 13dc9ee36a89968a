import { api, errorMessage } from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { NO_CRITERIA, searchInputOf, type SearchCriteria } from './search-criteria.js';
import { useProvenanceStore, type ProvenanceSelection } from './provenance-store.js';

const store = () => useProvenanceStore.getState();

/**
 * Answers of requests overtaken by a newer one of the same kind are dropped: a slow search must
 * not replace the results of the one typed after it.
 */
const latest = { search: 0, lineage: 0, details: 0 };

function flowId(): string | null {
  return useGraphStore.getState().flowId;
}

/** Runs the search in the form; a form problem is shown instead of asking the server. */
export async function runSearch(): Promise<void> {
  const id = flowId();
  if (id === null) return;
  const request = searchInputOf(id, store().criteria);
  if (!request.ok) {
    store().set({ problem: request.problem });
    return;
  }
  const ticket = ++latest.search;
  store().set({ results: { status: 'loading' }, view: 'results', problem: null });
  try {
    const value = await api.provenance.search.query(request.input);
    if (ticket === latest.search) store().set({ results: { status: 'ready', value } });
  } catch (error) {
    if (ticket === latest.search) {
      store().set({ results: { status: 'failed', message: errorMessage(error) } });
    }
  }
}

/** Opens the view with a fresh form (pre-filled by `criteria`, e.g. a component) and searches. */
export async function openProvenance(criteria: Partial<SearchCriteria> = {}): Promise<void> {
  store().reset();
  store().set({ open: true, flowId: flowId(), criteria: { ...NO_CRITERIA, ...criteria } });
  await runSearch();
}

/** Closes the view. */
export function closeProvenance(): void {
  store().reset();
}

/** Selects an event and loads its details. */
export async function selectEvent(eventId: number): Promise<void> {
  const id = flowId();
  if (id === null) return;
  const ticket = ++latest.details;
  store().set({ selection: { kind: 'event', eventId }, details: { status: 'loading' } });
  try {
    const value = await api.provenance.event.query({ flowId: id, eventId });
    if (ticket === latest.details) store().set({ details: { status: 'ready', value } });
  } catch (error) {
    if (ticket === latest.details) {
      store().set({ details: { status: 'failed', message: errorMessage(error) } });
    }
  }
}

/** Selects a flowfile of the lineage shown (its events, parents and children). */
export function selectFlowFile(flowFileId: string): void {
  ++latest.details;
  store().set({ selection: { kind: 'flowfile', flowFileId }, details: { status: 'idle' } });
}

/**
 * Shows the lineage of a flowfile, opening the view if it is closed. The selection is kept when
 * given (the event whose "Show lineage" was pressed), else the flowfile is selected.
 */
export async function showLineage(
  flowFileId: string,
  selection?: ProvenanceSelection,
): Promise<void> {
  const id = flowId();
  if (id === null) return;
  if (!store().open) store().set({ open: true, flowId: id });
  const ticket = ++latest.lineage;
  store().set({ view: 'lineage', lineage: { status: 'loading' } });
  if (selection === undefined) selectFlowFile(flowFileId);
  try {
    const value = await api.provenance.lineage.query({ flowId: id, flowFileId });
    if (ticket === latest.lineage) store().set({ lineage: { status: 'ready', value } });
  } catch (error) {
    if (ticket === latest.lineage) {
      store().set({ lineage: { status: 'failed', message: errorMessage(error) } });
    }
  }
}

/**
 * Goes to a related flowfile (a parent or a child): selected in the lineage shown when it is
 * there, else its own lineage is loaded.
 */
export async function followFlowFile(flowFileId: string): Promise<void> {
  const { view, lineage } = store();
  const shown =
    view === 'lineage' &&
    lineage.status === 'ready' &&
    lineage.value.nodes.some((node) => node.id === flowFileId);
  if (shown) selectFlowFile(flowFileId);
  else await showLineage(flowFileId);
}

/** Back from the lineage to the search results. */
export function showResults(): void {
  store().set({ view: 'results' });
}
