import { useEffect } from 'react';
import { api } from '../api/client.js';
import { reportConnectivity } from '../api/connectivity.js';
import { reportFailure } from '../actions/report.js';
import { useStatsStore } from '../stores/stats-store.js';

/**
 * The tab's one live stats subscription (`status.live` over SSE), for the open flow. The
 * server sends a snapshot, then deltas; the link reconnects by itself, resuming with the last
 * event id, and the server answers a reconnect with a fresh snapshot. A lost connection shows
 * the "server unreachable" banner, which stays until the user's Retry (or a request of theirs)
 * succeeds: what they see was not saved or not live meanwhile, and Retry reads it all again.
 * `generation` changes on Retry, which starts a new subscription.
 */
export function useLiveStats(flowId: string | null, generation: number): void {
  useEffect(() => {
    if (flowId === null) return;
    const subscription = api.status.live.subscribe(
      { flowId },
      {
        onData(event) {
          useStatsStore.getState().apply(event.data);
        },
        onConnectionStateChange(state) {
          if (state.state === 'connecting' && state.error) reportConnectivity(false);
        },
        onError(error) {
          reportFailure(error);
        },
      },
    );
    return () => subscription.unsubscribe();
  }, [flowId, generation]);
}
