import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { Modal } from '../chrome/modal.js';
import { useGraphStore } from '../stores/graph-store.js';
import { CommitSection } from './commit-section.js';
import { DiffPanel } from './diff-panel.js';
import { useDiffStore } from './diff-store.js';
import { HistorySection } from './history-section.js';
import { RemoteSection } from './remote-section.js';
import type { VersionInfo } from './types.js';
import { loadLog } from './versions-actions.js';
import { useVersionsStore } from './versions-store.js';
import '../chrome/dialog.css';
import './versions.css';

/** The Versions dialog while it is open, and the diff panel while a diff is shown. */
export function VersionsHost() {
  const open = useVersionsStore((s) => s.open);
  const flowId = useGraphStore((s) => s.flowId);
  const diffShown = useDiffStore((s) => s.diff !== null);
  return (
    <>
      {diffShown && <DiffPanel />}
      {open && flowId !== null && (
        <VersionsDialog key={flowId} onClose={() => useVersionsStore.getState().setOpen(false)} />
      )}
    </>
  );
}

/**
 * Versions of the open flow: commit it with a message, its history (diff two sides on the
 * canvas, restore one), and the remote (push, pull).
 */
export function VersionsDialog({ onClose }: { onClose(): void }) {
  const name = useGraphStore((s) => s.name);
  const status = useVersionsStore((s) => s.status);
  const statusError = useVersionsStore((s) => s.statusError);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    loadLog().then(
      (log) => {
        setVersions(log);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(reload, [reload]);

  const uncommitted = status?.uncommitted ?? true;
  return (
    <Modal
      className="dialog versions-dialog"
      labelledBy="versions-title"
      testId="versions-dialog"
      onClose={onClose}
    >
      <h2 id="versions-title">Versions of {name}</h2>
      <p className="dialog-subtitle">
        {statusError ??
          (status?.head
            ? `Last version ${status.head.shortHash}; ${uncommitted ? 'uncommitted changes since' : 'no change since'}`
            : 'Never committed: the first commit starts its history')}
      </p>
      <CommitSection uncommitted={uncommitted} onCommitted={reload} />
      <HistorySection versions={versions} uncommitted={uncommitted} onRestored={reload} />
      <RemoteSection onPulled={reload} />
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
