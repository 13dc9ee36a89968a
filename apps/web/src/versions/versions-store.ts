import { create } from 'zustand';
import type { VersionStatus } from './types.js';

/** The open flow's version status (for the toolbar's indicator) and whether the dialog is open. */
export interface VersionsState {
  readonly open: boolean;
  /** The open flow's status, or null before it is known. */
  readonly status: VersionStatus | null;
  /** Why the status could not be read (no git on the server...), or null. */
  readonly statusError: string | null;
  setOpen(open: boolean): void;
  setStatus(status: VersionStatus | null, error?: string | null): void;
}

/** The versions store. */
export const useVersionsStore = create<VersionsState>()((set) => ({
  open: false,
  status: null,
  statusError: null,
  setOpen(open) {
    set({ open });
  },
  setStatus(status, statusError = null) {
    set({ status, statusError });
  },
}));
