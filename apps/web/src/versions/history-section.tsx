import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { diffSides, togglePick } from './pick-sides.js';
import type { PickedSide, VersionInfo } from './types.js';
import { restoreVersion, showDiff } from './versions-actions.js';

/** Props of {@link HistorySection}. */
export interface HistorySectionProps {
  /** The flow's versions, newest first; null while they load. */
  readonly versions: readonly VersionInfo[] | null;
  /** Whether the flow has uncommitted changes (a restore would discard them). */
  readonly uncommitted: boolean;
  onRestored(): void;
}

/** A date as a person reads it in a list, in their own time zone. */
function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * The flow's history: the working copy and each version, newest first. Pick two (or one and the
 * working copy) to draw their diff on the canvas; restore a version after confirming.
 */
export function HistorySection({ versions, uncommitted, onRestored }: HistorySectionProps) {
  const [picked, setPicked] = useState<PickedSide[]>([]);
  const [confirming, setConfirming] = useState<VersionInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const order: PickedSide[] = ['working', ...(versions ?? []).map((v) => v.hash)];
  const sides = diffSides(picked, order);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = (side: PickedSide) => setPicked((current) => togglePick(current, side));

  return (
    <section className="versions-section" aria-labelledby="versions-history-title">
      <div className="versions-row">
        <h3 id="versions-history-title">History</h3>
        <span className="versions-hint">pick two to compare</span>
        <button
          type="button"
          className="btn"
          disabled={sides === null || busy}
          onClick={() => sides && void run(() => showDiff(sides[0], sides[1]))}
        >
          Show diff on canvas
        </button>
      </div>
      {versions === null ? (
        <p className="versions-note">Reading the history…</p>
      ) : (
        <ol className="versions-history" data-testid="version-history">
          <li className="version-row working" data-testid="version-row" data-version="working">
            <label className="version-pick">
              <input
                type="checkbox"
                checked={picked.includes('working')}
                onChange={() => pick('working')}
                aria-label="Pick the working copy"
              />
              <span className="version-message">Working copy</span>
            </label>
            <span className="version-meta">
              {uncommitted ? 'uncommitted changes' : 'same as the last version'}
            </span>
          </li>
          {versions.length === 0 && (
            <li className="versions-note">No version yet: commit the flow to start its history.</li>
          )}
          {versions.map((version) => (
            <li
              key={version.hash}
              className="version-row"
              data-testid="version-row"
              data-version={version.hash}
            >
              <label className="version-pick">
                <input
                  type="checkbox"
                  checked={picked.includes(version.hash)}
                  onChange={() => pick(version.hash)}
                  aria-label={`Pick version ${version.shortHash}`}
                />
                <span className="version-message" title={version.message}>
                  {version.message.split('\n', 1)[0]}
                </span>
              </label>
              <span className="version-meta">
                <code>{version.shortHash}</code> · {version.author.name} · {when(version.date)}
              </span>
              <button
                type="button"
                className="btn"
                disabled={busy}
                aria-label={`Restore version ${version.shortHash}`}
                onClick={() => setConfirming(version)}
              >
                Restore
              </button>
              {confirming?.hash === version.hash && (
                <div className="version-confirm" role="group" aria-label="Confirm restore">
                  <p>
                    Restore version <code>{version.shortHash}</code> (“
                    {version.message.split('\n', 1)[0]}”)? The flow becomes this version as a new
                    uncommitted change; processors keep their run state, and those it brings back
                    come in stopped.
                    {uncommitted && <strong> The uncommitted changes will be discarded.</strong>}
                  </p>
                  <div className="versions-row">
                    <button
                      type="button"
                      className="btn danger"
                      disabled={busy}
                      onClick={() =>
                        void run(async () => {
                          await restoreVersion(version.hash, uncommitted);
                          setConfirming(null);
                          setPicked([]);
                          onRestored();
                        })
                      }
                    >
                      Restore this version
                    </button>
                    <button type="button" className="btn" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
