import { create } from 'zustand';

/** Whether the Controller Services dialog is open, and the service it was opened at. */
export interface ServicesDialogState {
  readonly open: boolean;
  /** The service to show first (from a processor's "Go to service"), or null for the list. */
  readonly focusId: string | null;
  /** Opens the dialog, at a service when one is given. */
  openAt(serviceId: string | null): void;
  close(): void;
}

/** The Controller Services dialog's store. */
export const useServicesDialog = create<ServicesDialogState>()((set) => ({
  open: false,
  focusId: null,
  openAt: (focusId) => set({ open: true, focusId }),
  close: () => set({ open: false, focusId: null }),
}));
