import { reloadFlow } from '../actions/load.js';
import { api, errorMessage } from '../api/client.js';
import type { ApiInputs, ControllerServiceView } from '../api/types.js';
import { useServicesStore } from './services-store.js';

/** What Apply sends for a controller service: a new name and the changed properties. */
export type ServiceChange = Omit<ApiInputs['controllerServices']['update'], 'flowId' | 'id'>;

let latestList = 0;

/**
 * Reads a flow's controller services into the store. An answer older than a later request's is
 * dropped, so a slow reply never puts back a state that has since changed. A failure is kept in
 * the store for the dialog to show; it is not thrown, so a refresh after a change that worked
 * does not turn that change into an error.
 */
export async function loadServices(flowId: string): Promise<void> {
  const request = ++latestList;
  try {
    const services = await api.controllerServices.list.query({ flowId });
    if (request === latestList) useServicesStore.getState().setServices(flowId, services);
  } catch (error) {
    if (request === latestList) useServicesStore.getState().setError(flowId, errorMessage(error));
  }
}

/** Reads the controller service types, once: they change only with the server. */
export async function loadServiceTypes(): Promise<void> {
  if (useServicesStore.getState().typesLoaded) return;
  useServicesStore.getState().setTypes(await api.catalog.services.query());
}

/** Adds a service of a type (named after the type unless a name is given); resolves to it. */
export async function addService(
  flowId: string,
  type: string,
  name?: string,
): Promise<ControllerServiceView> {
  const added = await api.controllerServices.add.mutate({
    flowId,
    type,
    ...(name ? { name } : {}),
  });
  await loadServices(flowId);
  return added;
}

/** Saves a change of a disabled service's name or properties; rejects with the server's reason. */
export async function updateService(
  flowId: string,
  id: string,
  change: ServiceChange,
): Promise<void> {
  await api.controllerServices.update.mutate({ flowId, id, ...change });
  await loadServices(flowId);
}

/** Deletes a disabled service no processor uses; rejects with the server's reason otherwise. */
export async function deleteService(flowId: string, id: string): Promise<void> {
  await api.controllerServices.delete.mutate({ flowId, id });
  await loadServices(flowId);
}

/**
 * Enables or disables a service; rejects with the server's reason (invalid, used by a running
 * processor). Either way the services and the flow are read again: the processors using the
 * service become valid or invalid with it, and a refused enable may still have changed state.
 */
export async function setServiceEnabled(
  flowId: string,
  id: string,
  enabled: boolean,
): Promise<void> {
  try {
    const procedure = enabled ? api.controllerServices.enable : api.controllerServices.disable;
    await procedure.mutate({ flowId, id });
  } finally {
    useServicesStore.getState().bumpRevision();
    await Promise.all([
      loadServices(flowId),
      // The banner already reports an unreachable server; the action's own outcome matters here.
      reloadFlow().catch(() => undefined),
    ]);
  }
}
