import { create } from 'zustand';

/** A message about a failed action, shown as a toast until dismissed or timed out. */
export interface Toast {
  readonly id: number;
  readonly message: string;
}

/** Whether the server answers, and the last failed action. */
export interface NoticesState {
  /** False after a request or the live stream could not reach the server. */
  readonly reachable: boolean;
  /** The last failure; a newer one replaces it, so one toast is on screen at a time. */
  readonly toast: Toast | null;
  /** Bumped by Retry: the live stats subscription starts anew when it changes. */
  readonly liveGeneration: number;
  setReachable(reachable: boolean): void;
  showError(message: string): void;
  dismiss(id: number): void;
  resubscribe(): void;
}

let nextId = 1;

/** The notices store. */
export const useNoticesStore = create<NoticesState>()((set, get) => ({
  reachable: true,
  toast: null,
  liveGeneration: 0,
  setReachable(reachable) {
    if (get().reachable !== reachable) set({ reachable });
  },
  showError(message) {
    set({ toast: { id: nextId++, message } });
  },
  dismiss(id) {
    if (get().toast?.id === id) set({ toast: null });
  },
  resubscribe() {
    set({ liveGeneration: get().liveGeneration + 1 });
  },
}));
