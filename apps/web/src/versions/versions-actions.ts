import { api, errorMessage } from '../api/client.js';
import { loadFlows, openFlow, reloadFlow } from '../actions/load.js';
import { history } from '../commands/history.js';
import { useFlowsStore } from '../stores/flows-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useDiffStore } from './diff-store.js';
import type { PickedSide, PullView, VersionInfo } from './types.js';
import { useVersionsStore } from './versions-store.js';

let latestStatus = 0;

/**
 * Reads the open flow's version status again. An answer older than a later request's is
 * dropped; a failure (no git on the server) is kept as the status error, not a toast, since the
 * indicator refreshes by itself after every edit.
 */
export async function refreshStatus(): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  const request = ++latestStatus;
  if (flowId === null) {
    useVersionsStore.getState().setStatus(null);
    return;
  }
  try {
    const status = await api.versions.status.query({ flowId });
    if (request === latestStatus) useVersionsStore.getState().setStatus(status);
  } catch (error) {
    if (request === latestStatus) useVersionsStore.getState().setStatus(null, errorMessage(error));
  }
}

/** The open flow's id, or an error saying there is none. */
function openFlowId(): string {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) throw new Error('No flow is open');
  return flowId;
}

/** The open flow's versions, newest first. */
export function loadLog(): Promise<VersionInfo[]> {
  return api.versions.log.query({ flowId: openFlowId() });
}

/** Commits the open flow with a message; the status follows. */
export async function commitFlow(message: string): Promise<VersionInfo> {
  const version = await api.versions.commit.mutate({ flowId: openFlowId(), message });
  await refreshStatus();
  return version;
}

/**
 * Reads the diff between two sides, older first, and draws it on the canvas (the dialog closes
 * so the canvas can be seen).
 */
export async function showDiff(from: PickedSide, to: PickedSide): Promise<void> {
  const diff = await api.versions.diff.query({ flowId: openFlowId(), from, to });
  useDiffStore.getState().show(diff);
  useVersionsStore.getState().setOpen(false);
}

/**
 * Restores a version as the running flow. The undo history is cleared: its commands describe
 * the flow before the restore (restoring another version is how a restore is undone).
 */
export async function restoreVersion(hash: string, discardUncommitted: boolean): Promise<void> {
  const flowId = openFlowId();
  await api.versions.restore.mutate({ flowId, version: hash, discardUncommitted });
  useDiffStore.getState().clear();
  history.reset(flowId);
  await reloadFlow();
  await refreshStatus();
}

/**
 * Pulls, then reads the flows again: a pulled flow may be new, changed or gone (then the first
 * flow left is opened).
 */
export async function pullVersions(): Promise<PullView> {
  const result = await api.versions.pull.mutate();
  if (result.flows.length > 0) {
    await loadFlows();
    const flowId = useGraphStore.getState().flowId;
    const flows = useFlowsStore.getState().flows;
    if (flowId !== null && !flows.some((f) => f.id === flowId)) {
      await openFlow(flows[0]?.id ?? null);
    } else if (result.flows.some((f) => f.flowId === flowId)) {
      if (flowId !== null) history.reset(flowId);
      await reloadFlow();
    }
  }
  await refreshStatus();
  return result;
}
