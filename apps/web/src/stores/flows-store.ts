import { create } from 'zustand';
import type { FlowSummary } from '../api/types.js';

/** The flows of the workspace (`flows.list`), for the toolbar's flow picker. */
export interface FlowsState {
  readonly flows: readonly FlowSummary[];
  readonly loaded: boolean;
  setFlows(flows: readonly FlowSummary[]): void;
  /** Changes one flow's name in the list (after a rename) without asking the server again. */
  renamed(id: string, name: string): void;
}

/** The flows store. */
export const useFlowsStore = create<FlowsState>()((set, get) => ({
  flows: [],
  loaded: false,
  setFlows(flows) {
    set({ flows, loaded: true });
  },
  renamed(id, name) {
    set({ flows: get().flows.map((f) => (f.id === id ? { ...f, name } : f)) });
  },
}));
