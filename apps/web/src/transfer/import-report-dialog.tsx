import type { ImportResult } from './transfer-store.js';
import { reportSubject } from './report-line.js';
import { TransferDialog } from './transfer-dialog.js';

/** Props of {@link ImportReportDialog}. */
export interface ImportReportDialogProps {
  readonly result: ImportResult;
  onClose(): void;
}

function summary(result: ImportResult): string {
  const source = result.format === 'nifi' ? 'Converted from a NiFi flow definition. ' : '';
  const count = result.report.length;
  if (count === 0) return `${source}Everything was carried over as it was.`;
  const things = count === 1 ? '1 thing' : `${count} things`;
  return `${source}${things} could not be carried over as ${count === 1 ? 'it was' : 'they were'}:`;
}

/**
 * The end of a successful import: the new flow's name, whether it came from NiFi, and each line
 * of the report (where in the file, what, why), so a person knows what to check before starting.
 */
export function ImportReportDialog({ result, onClose }: ImportReportDialogProps) {
  const title = `Imported ${result.name}${result.format === 'nifi' ? ' from NiFi' : ''}`;
  return (
    <TransferDialog
      testId="import-report"
      title={title}
      subtitle={summary(result)}
      onClose={onClose}
    >
      {result.report.length > 0 && (
        <ul className="transfer-list" aria-label="Import report">
          {result.report.map((line, i) => (
            <li key={i} title={line.id}>
              <code>{line.path}</code> — {reportSubject(line)}: {line.reason}
            </li>
          ))}
        </ul>
      )}
    </TransferDialog>
  );
}
