import { create } from 'zustand';

/** Whether the parameters dialog is open. */
export interface ParametersDialogState {
  readonly open: boolean;
  setOpen(open: boolean): void;
}

/** The parameters dialog's store. */
export const useParametersDialog = create<ParametersDialogState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
