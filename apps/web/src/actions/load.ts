import { api } from '../api/client.js';
import { history } from '../commands/history.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useFlowsStore } from '../stores/flows-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { reportFailure } from './report.js';
import { flowIdFromPath, pathOfFlow } from './url.js';

let latestRequest = 0;

/**
 * Reads the open flow again (after every edit) with a status snapshot, in one batched request,
 * so new processors show their state and validation at once. An answer older than a later
 * request's is dropped, so a slow reply never puts back a flow that has since changed.
 */
export async function reloadFlow(): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) return;
  const request = ++latestRequest;
  const [view, snapshot] = await Promise.all([
    api.flows.get.query({ flowId }),
    api.status.snapshot.query({ flowId }),
  ]);
  if (request !== latestRequest || useGraphStore.getState().flowId !== flowId) return;
  useGraphStore.getState().setFlow(view);
  useStatsStore.getState().apply({ kind: 'snapshot', snapshot });
  closeStaleDrawer();
}

/** Closes the drawer when what it shows is gone (deleted, or the flow changed). */
function closeStaleDrawer(): void {
  const { panel, openPanel } = useUiStore.getState();
  if (!panel) return;
  const graph = useGraphStore.getState();
  const list = panel.kind === 'processor' ? graph.processors : graph.connections;
  if (!list.some((c) => c.id === panel.id)) openPanel(null);
}

/** Reads the processor types for the palette. */
export async function loadCatalog(): Promise<void> {
  useCatalogStore.getState().setCatalog(await api.catalog.list.query());
}

/** Reads the list of flows for the flow picker. */
export async function loadFlows(): Promise<void> {
  useFlowsStore.getState().setFlows(await api.flows.list.query());
}

/**
 * Opens a flow: forgets the last one's graph, stats and history, points the URL at it (without
 * a new history entry) and reads it. The live stats subscription follows the graph store's id.
 */
export async function openFlow(flowId: string | null): Promise<void> {
  useGraphStore.getState().reset(flowId);
  useStatsStore.getState().clear();
  useUiStore.setState({ panel: null, menu: null, connectRequest: null, renaming: false });
  history.reset(flowId);
  if (flowId === null) return;
  if (flowIdFromPath(location.pathname) !== flowId) {
    window.history.replaceState(null, '', pathOfFlow(flowId));
  }
  await reloadFlow();
}

/**
 * Starts the editor: the catalog and the flows, then the flow the URL names, else the first.
 * A URL naming a flow that does not exist says so and opens the first one instead.
 */
export async function bootstrap(): Promise<void> {
  try {
    await Promise.all([loadCatalog(), loadFlows()]);
    const flows = useFlowsStore.getState().flows;
    const wanted = flowIdFromPath(location.pathname);
    const found = flows.find((f) => f.id === wanted);
    if (wanted !== null && !found) {
      useNoticesStore.getState().showError(`No flow with id '${wanted}'; showing the first flow`);
    }
    await openFlow(found?.id ?? flows[0]?.id ?? null);
    useNoticesStore.getState().setReachable(true);
  } catch (error) {
    reportFailure(error);
  }
}

/**
 * The banner's Retry: reads the catalog, the flows and the open flow again, and has the live
 * stats subscription started anew.
 */
export async function retry(): Promise<void> {
  const current = useGraphStore.getState().flowId;
  try {
    await Promise.all([loadCatalog(), loadFlows()]);
    const flows = useFlowsStore.getState().flows;
    if (current !== null && flows.some((f) => f.id === current)) await reloadFlow();
    else await openFlow(flows[0]?.id ?? null);
    useNoticesStore.getState().setReachable(true);
    useNoticesStore.getState().resubscribe();
  } catch (error) {
    reportFailure(error);
  }
}
