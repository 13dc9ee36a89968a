import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { commitFlow } from './versions-actions.js';
import type { VersionInfo } from './types.js';

/** Props of {@link CommitSection}. */
export interface CommitSectionProps {
  /** Whether there is anything to commit (the status's `uncommitted`). */
  readonly uncommitted: boolean;
  onCommitted(version: VersionInfo): void;
}

/** A message box and Commit: commits the open flow (its file only) as a new version. */
export function CommitSection({ uncommitted, onCommitted }: CommitSectionProps) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const commit = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const version = await commitFlow(message);
      setMessage('');
      setDone(`Committed ${version.shortHash}`);
      onCommitted(version);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="versions-section" aria-labelledby="versions-commit-title">
      <h3 id="versions-commit-title">Commit</h3>
      <textarea
        className="versions-message"
        aria-label="Commit message"
        placeholder={uncommitted ? 'What changed, and why' : 'No uncommitted changes'}
        rows={2}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl+Enter commits, as in most commit boxes; Enter alone starts a new line.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && message.trim()) {
            event.preventDefault();
            void commit();
          }
        }}
      />
      <div className="versions-row">
        <button
          type="button"
          className="btn primary"
          disabled={busy || message.trim() === '' || !uncommitted}
          onClick={() => void commit()}
        >
          Commit
        </button>
        {done && (
          <span className="versions-note" role="status">
            {done}
          </span>
        )}
      </div>
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
