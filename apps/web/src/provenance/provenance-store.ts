import { create } from 'zustand';
import { NO_CRITERIA, type SearchCriteria } from './search-criteria.js';
import type { EventDetails, Lineage, SearchResult } from './types.js';

/** What the details pane shows: an event, or a flowfile picked in the lineage. */
export type ProvenanceSelection =
  | { readonly kind: 'event'; readonly eventId: number }
  | { readonly kind: 'flowfile'; readonly flowFileId: string };

/** A value loaded from the server, with its loading and failed states. */
export type Loaded<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly value: T };

/** The provenance view: search form and results, the lineage shown, the selection and its details. */
export interface ProvenanceState {
  readonly open: boolean;
  /** The flow the view is about; a switch to another flow closes it. */
  readonly flowId: string | null;
  readonly criteria: SearchCriteria;
  /** A form problem that stopped the search (shown by the form). */
  readonly problem: string | null;
  readonly results: Loaded<SearchResult>;
  /** What the main area shows: the results table, or a lineage graph. */
  readonly view: 'results' | 'lineage';
  readonly lineage: Loaded<Lineage>;
  readonly selection: ProvenanceSelection | null;
  readonly details: Loaded<EventDetails>;
  setCriteria(change: Partial<SearchCriteria>): void;
  set(change: Partial<Omit<ProvenanceState, 'setCriteria' | 'set' | 'reset'>>): void;
  /** Closes the view and forgets everything. */
  reset(): void;
}

const initial = {
  open: false,
  flowId: null,
  criteria: NO_CRITERIA,
  problem: null,
  results: { status: 'idle' },
  view: 'results',
  lineage: { status: 'idle' },
  selection: null,
  details: { status: 'idle' },
} as const satisfies Partial<ProvenanceState>;

/** The provenance store. */
export const useProvenanceStore = create<ProvenanceState>()((set) => ({
  ...initial,
  setCriteria(change) {
    set((state) => ({ criteria: { ...state.criteria, ...change }, problem: null }));
  },
  set(change) {
    set(change);
  },
  reset() {
    set(initial);
  },
}));
