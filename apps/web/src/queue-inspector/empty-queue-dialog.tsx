import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { Modal } from '../chrome/modal.js';
import { formatCount } from '../format.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { connectionTitle } from './connection-title.js';
import { emptyConfirmed } from './empty-queue.js';
import { useQueueInspectorStore } from './inspector-store.js';
import '../chrome/dialog.css';

/**
 * "Empty queue?" — asks before dropping what a connection holds, saying how many flowfiles will
 * go, then says how many went. Opened from the connection's menu and from the queue inspector.
 */
export function EmptyQueueDialog() {
  const connectionId = useQueueInspectorStore((s) => s.emptyRequest);
  if (!connectionId) return null;
  return <OpenEmptyQueueDialog key={connectionId} connectionId={connectionId} />;
}

type Step =
  | { readonly kind: 'confirm' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly dropped: number }
  | { readonly kind: 'failed'; readonly message: string };

function OpenEmptyQueueDialog({ connectionId }: { readonly connectionId: string }) {
  const queued = useStatsStore((s) => s.connections[connectionId]?.queued.count ?? 0);
  const title = useGraphStore((s) =>
    connectionTitle(
      s.connections.find((c) => c.id === connectionId),
      s.processors,
      connectionId,
    ),
  );
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const close = () => useQueueInspectorStore.getState().requestEmpty(null);

  const confirm = async () => {
    setStep({ kind: 'busy' });
    try {
      setStep({ kind: 'done', dropped: await emptyConfirmed(connectionId) });
    } catch (error) {
      setStep({ kind: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <Modal
      role="alertdialog"
      backdropClassName="qi-confirm-backdrop"
      labelledBy="empty-queue-title"
      describedBy="empty-queue-text"
      testId="empty-queue-dialog"
      // Not while the queue is being emptied: the answer is on its way.
      onClose={() => step.kind !== 'busy' && close()}
    >
      <h2 id="empty-queue-title">Empty queue</h2>
      <p className="dialog-subtitle">
        <strong>{title}</strong>
      </p>
      {step.kind === 'done' ? (
        <p id="empty-queue-text" role="status" data-testid="empty-queue-result">
          Dropped {formatCount(step.dropped)} flowfile{step.dropped === 1 ? '' : 's'}.
        </p>
      ) : (
        <p id="empty-queue-text" data-testid="empty-queue-question">
          Drop the {formatCount(queued)} flowfile{queued === 1 ? '' : 's'} queued in this
          connection? Each is recorded as a DROP provenance event. This cannot be undone.
        </p>
      )}
      {step.kind === 'failed' && (
        <p className="dialog-error" role="alert">
          {step.message}
        </p>
      )}
      <div className="dialog-actions">
        {step.kind === 'done' ? (
          <button type="button" className="btn primary" autoFocus onClick={close}>
            Close
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn"
              autoFocus
              disabled={step.kind === 'busy'}
              onClick={close}
            >
              Cancel
            </button>
            <button
              type="button"
              className="btn qi-danger"
              disabled={step.kind === 'busy'}
              onClick={() => void confirm()}
            >
              {step.kind === 'busy' ? 'Emptying…' : 'Empty queue'}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
