import { create } from 'zustand';
import type { ApiOutputs } from '../api/types.js';
import type { ImportRefusal } from './import-refusal.js';

/** What `flows.import` answers: the new flow's id and name, the format read, the report. */
export type ImportResult = ApiOutputs['flows']['import'];

/** One line of an import's report: what could not be carried over as it was, and where. */
export type ImportReportLine = ImportResult['report'][number];

/** The dialog an import ends with: what was imported, or why the file was refused. */
export type TransferDialog =
  | { readonly kind: 'imported'; readonly result: ImportResult }
  | { readonly kind: 'refused'; readonly fileName: string; readonly refusal: ImportRefusal };

/** Export and import state: whether an import is under way, and its result dialog. */
export interface TransferState {
  readonly importing: boolean;
  readonly dialog: TransferDialog | null;
  setImporting(importing: boolean): void;
  show(dialog: TransferDialog): void;
  close(): void;
}

/** The transfer store. */
export const useTransferStore = create<TransferState>()((set) => ({
  importing: false,
  dialog: null,
  setImporting(importing) {
    set({ importing });
  },
  show(dialog) {
    set({ dialog });
  },
  close() {
    set({ dialog: null });
  },
}));
