import { create } from 'zustand';

/** What the queue inspector shows, and the "Empty queue" confirmation waiting for an answer. */
export interface QueueInspectorState {
  /** The connection whose queue the inspector lists; null when it is closed. */
  readonly connectionId: string | null;
  /** The connection the user asked to empty, until they confirm or cancel. */
  readonly emptyRequest: string | null;
  /** Bumped after a queue is emptied, so an open listing reloads. */
  readonly emptied: number;
  open(connectionId: string): void;
  close(): void;
  requestEmpty(connectionId: string | null): void;
  markEmptied(): void;
}

/** The queue inspector's store (kept apart from the editor's ui-store: a feature of its own). */
export const useQueueInspectorStore = create<QueueInspectorState>()((set, get) => ({
  connectionId: null,
  emptyRequest: null,
  emptied: 0,
  open(connectionId) {
    set({ connectionId });
  },
  close() {
    set({ connectionId: null });
  },
  requestEmpty(emptyRequest) {
    set({ emptyRequest });
  },
  markEmptied() {
    set({ emptied: get().emptied + 1 });
  },
}));
