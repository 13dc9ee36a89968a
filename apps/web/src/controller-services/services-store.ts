import { create } from 'zustand';
import type { ControllerServiceView, ServiceCatalogEntry } from '../api/types.js';

/**
 * The open flow's controller services as `controllerServices.list` last gave them, and the
 * service types of `catalog.services`. The Controller Services dialog and the processor panel's
 * service selects read the same list, so an enable in one shows in the other at once.
 */
export interface ServicesState {
  /** The flow the list belongs to; null before one was read. */
  readonly flowId: string | null;
  readonly services: readonly ControllerServiceView[];
  readonly loaded: boolean;
  /** Why the list could not be read, if it could not. */
  readonly error: string | undefined;
  readonly types: readonly ServiceCatalogEntry[];
  readonly typesLoaded: boolean;
  /**
   * Counts the changes that can change a processor's validity (an enable, a disable), so an
   * open processor panel checks its draft again.
   */
  readonly revision: number;
  setServices(flowId: string, services: readonly ControllerServiceView[]): void;
  setError(flowId: string, error: string): void;
  setTypes(types: readonly ServiceCatalogEntry[]): void;
  bumpRevision(): void;
}

/** The controller services store. */
export const useServicesStore = create<ServicesState>()((set) => ({
  flowId: null,
  services: [],
  loaded: false,
  error: undefined,
  types: [],
  typesLoaded: false,
  revision: 0,
  setServices(flowId, services) {
    set({ flowId, services, loaded: true, error: undefined });
  },
  setError(flowId, error) {
    set((s) => (s.flowId === flowId ? { error } : { flowId, services: [], loaded: false, error }));
  },
  setTypes(types) {
    set({ types, typesLoaded: true });
  },
  bumpRevision() {
    set((s) => ({ revision: s.revision + 1 }));
  },
}));

/** The services of a flow from the store; empty while another flow's list is held. */
export function servicesOf(state: ServicesState, flowId: string): readonly ControllerServiceView[] {
  return state.flowId === flowId ? state.services : NO_SERVICES;
}

const NO_SERVICES: readonly ControllerServiceView[] = [];
