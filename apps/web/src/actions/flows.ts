import { api } from '../api/client.js';
import { useFlowsStore } from '../stores/flows-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { loadFlows, openFlow } from './load.js';
import { attempt } from './report.js';

/** A name no flow has yet: "Untitled flow", else "Untitled flow 2", 3... */
export function untitledName(taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has('Untitled flow')) return 'Untitled flow';
  let n = 2;
  while (names.has(`Untitled flow ${n}`)) n++;
  return `Untitled flow ${n}`;
}

/**
 * Creates a flow and opens it, with its name field ready to type into: one click gives a
 * usable flow, and naming it is the obvious next step rather than a dialog in the way.
 */
export async function createFlow(): Promise<void> {
  await attempt(async () => {
    const name = untitledName(useFlowsStore.getState().flows.map((f) => f.name));
    const created = await api.flows.create.mutate({ name });
    await loadFlows();
    await openFlow(created.id);
    useUiStore.getState().setRenaming(true);
  });
}

/** Renames the open flow. */
export async function renameFlow(name: string): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  const trimmed = name.trim();
  if (flowId === null || trimmed === '' || trimmed === useGraphStore.getState().name) return;
  await attempt(async () => {
    const renamed = await api.flows.rename.mutate({ flowId, name: trimmed });
    useFlowsStore.getState().renamed(renamed.id, renamed.name);
    useGraphStore.setState({ name: renamed.name });
  });
}

/** Opens another flow (the flow picker). */
export async function switchFlow(flowId: string): Promise<void> {
  if (flowId === useGraphStore.getState().flowId) return;
  await attempt(() => openFlow(flowId));
}
