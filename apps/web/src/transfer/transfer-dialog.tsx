import type { ReactNode } from 'react';
import { Modal } from '../chrome/modal.js';
import '../chrome/dialog.css';
import './transfer-dialogs.css';

/** Props of {@link TransferDialog}. */
export interface TransferDialogProps {
  readonly testId: string;
  readonly title: string;
  /** A line under the title: what the list below is. */
  readonly subtitle?: ReactNode;
  readonly children?: ReactNode;
  onClose(): void;
}

/**
 * The frame of the import dialogs: a modal with a title, its content and a Close button that
 * takes the focus, so Enter or Escape dismisses it. Nothing is decided here, only read.
 */
export function TransferDialog({
  testId,
  title,
  subtitle,
  children,
  onClose,
}: TransferDialogProps) {
  const titleId = `${testId}-title`;
  return (
    <Modal
      className="dialog transfer-dialog"
      labelledBy={titleId}
      testId={testId}
      onClose={onClose}
    >
      <h2 id={titleId}>{title}</h2>
      {subtitle !== undefined && <p className="dialog-subtitle">{subtitle}</p>}
      {children}
      <div className="dialog-actions">
        <button type="button" className="btn primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
