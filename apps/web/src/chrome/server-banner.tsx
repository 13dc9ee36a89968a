import { useState } from 'react';
import { retry } from '../actions/load.js';
import { RetryIcon } from './icons.js';
import { useNoticesStore } from '../stores/notices-store.js';
import './notices.css';

/**
 * The "server unreachable" banner: shown when a request or the live stream lost the server.
 * Retry reads the flows, the catalog and the open flow again and restarts the live stream.
 */
export function ServerBanner() {
  const reachable = useNoticesStore((s) => s.reachable);
  const [retrying, setRetrying] = useState(false);
  if (reachable) return null;
  return (
    <div className="server-banner" role="alert" data-testid="server-banner">
      <span>
        <strong>The Sluice server is unreachable.</strong> Changes cannot be saved and the numbers
        on the canvas are not live until it is back.
      </span>
      <button
        type="button"
        className="btn"
        disabled={retrying}
        onClick={() => {
          setRetrying(true);
          void retry().finally(() => setRetrying(false));
        }}
      >
        <RetryIcon />
        Retry
      </button>
    </div>
  );
}
