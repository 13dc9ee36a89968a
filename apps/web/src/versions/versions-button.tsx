import { useGraphStore } from '../stores/graph-store.js';
import { useStatusSync } from './use-status-sync.js';
import { useVersionsStore } from './versions-store.js';
import './versions.css';

/** What the indicator shows: a dot's colour and its words. */
export type IndicatorState = 'uncommitted' | 'committed' | 'unknown' | 'unavailable';

/** The indicator's state from the status (pure, for the button and its test). */
export function indicatorState(
  status: { readonly uncommitted: boolean } | null,
  error: string | null,
): IndicatorState {
  if (error !== null) return 'unavailable';
  if (status === null) return 'unknown';
  return status.uncommitted ? 'uncommitted' : 'committed';
}

const WORDS: Record<IndicatorState, string> = {
  uncommitted: 'Uncommitted changes',
  committed: 'All changes committed',
  unknown: 'Versions',
  unavailable: 'Versioning unavailable',
};

/**
 * The toolbar's versioning entry: a dot and words saying whether the open flow has uncommitted
 * changes (kept current after every edit), opening the Versions dialog.
 */
export function VersionsButton() {
  useStatusSync();
  const hasFlow = useGraphStore((s) => s.flowId !== null);
  const status = useVersionsStore((s) => s.status);
  const error = useVersionsStore((s) => s.statusError);
  const state = indicatorState(status, error);
  const head = status?.head;
  const title =
    error ??
    (head
      ? `Last version ${head.shortHash}: ${head.message.split('\n', 1)[0]}`
      : status
        ? 'This flow has never been committed'
        : 'Versions of this flow');
  return (
    <button
      type="button"
      className="btn version-indicator"
      // The visible words are part of the name (what is read is what is seen).
      aria-label={state === 'unknown' ? 'Versions' : `Versions: ${WORDS[state]}`}
      title={title}
      disabled={!hasFlow}
      data-testid="version-indicator"
      data-state={state}
      onClick={() => useVersionsStore.getState().setOpen(true)}
    >
      <span className={`version-dot ${state}`} aria-hidden="true" />
      <span data-testid="version-state">{WORDS[state]}</span>
    </button>
  );
}
