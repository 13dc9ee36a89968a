import type { JSX } from 'react';
import { Modal } from '../chrome/modal.js';

/** Props of {@link DeleteServiceDialog}. */
export interface DeleteServiceDialogProps {
  readonly name: string;
  onConfirm(): void;
  onCancel(): void;
}

/** "Delete controller service?" — asked before a service is removed from the flow. */
export function DeleteServiceDialog({
  name,
  onConfirm,
  onCancel,
}: DeleteServiceDialogProps): JSX.Element {
  return (
    <Modal
      role="alertdialog"
      backdropClassName="cs-confirm-backdrop"
      labelledBy="delete-service-title"
      describedBy="delete-service-text"
      testId="delete-service-dialog"
      onClose={onCancel}
    >
      <h2 id="delete-service-title">Delete controller service</h2>
      <p id="delete-service-text" className="dialog-subtitle">
        Delete <strong>{name}</strong>? Its configuration, secrets included, is removed from the
        flow.
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn cs-danger" onClick={onConfirm}>
          Delete
        </button>
      </div>
    </Modal>
  );
}
