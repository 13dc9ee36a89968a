import { create } from 'zustand';
import type { HistoryKind } from './types.js';

/** The processor or connection whose status history is shown. */
export interface HistoryTarget {
  readonly kind: HistoryKind;
  readonly id: string;
}

/** Which status history dialog is open, if any. */
export interface StatusHistoryState {
  readonly target: HistoryTarget | null;
  show(target: HistoryTarget): void;
  hide(): void;
}

/** The status history dialog's store (opened from a card's or a connection's menu). */
export const useStatusHistory = create<StatusHistoryState>()((set) => ({
  target: null,
  show: (target) => set({ target }),
  hide: () => set({ target: null }),
}));
