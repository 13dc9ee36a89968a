import type { ImportRefusal } from './import-refusal.js';
import { TransferDialog } from './transfer-dialog.js';

/** Props of {@link ImportErrorsDialog}. */
export interface ImportErrorsDialogProps {
  readonly fileName: string;
  readonly refusal: ImportRefusal;
  onClose(): void;
}

/**
 * A refused import: every problem of the file as `path — message`, one item each, so a person
 * can fix them all in one round; the server's message when it named no path.
 */
export function ImportErrorsDialog({ fileName, refusal, onClose }: ImportErrorsDialogProps) {
  const { issues } = refusal;
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return (
    <TransferDialog
      testId="import-errors"
      title={`Could not import ${fileName}`}
      subtitle={
        issues.length > 0
          ? `Nothing was imported. Fix ${issues.length === 1 ? 'this' : 'these'} ${count} in the file (by JSON path; $ is the whole file) and import it again:`
          : 'Nothing was imported.'
      }
      onClose={onClose}
    >
      {issues.length > 0 ? (
        <ul className="transfer-list problems" aria-label="Problems">
          {issues.map((issue, i) => (
            <li key={i}>
              <code>{issue.path}</code> — {issue.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="dialog-error" role="alert">
          {refusal.message}
        </p>
      )}
    </TransferDialog>
  );
}
