import { ImportErrorsDialog } from './import-errors-dialog.js';
import { ImportReportDialog } from './import-report-dialog.js';
import { useTransferStore } from './transfer-store.js';

/** Whichever import dialog is open, if any. */
export function TransferDialogs() {
  const dialog = useTransferStore((s) => s.dialog);
  const close = useTransferStore((s) => s.close);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'imported':
      return <ImportReportDialog result={dialog.result} onClose={close} />;
    case 'refused':
      return (
        <ImportErrorsDialog fileName={dialog.fileName} refusal={dialog.refusal} onClose={close} />
      );
    default: {
      const _exhaustive: never = dialog;
      return _exhaustive;
    }
  }
}
