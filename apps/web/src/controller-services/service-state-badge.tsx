import type { JSX } from 'react';
import type { ServiceState } from '../api/types.js';

const LABELS: Record<ServiceState, string> = {
  DISABLED: 'Disabled',
  ENABLING: 'Enabling…',
  ENABLED: 'Enabled',
  DISABLING: 'Disabling…',
};

/** A controller service's state in words ("Enabled"), as badges and selects show it. */
export function serviceStateLabel(state: ServiceState): string {
  return LABELS[state];
}

/** A controller service's state as a coloured badge; `data-state` holds the engine's name. */
export function ServiceStateBadge({ state }: { readonly state: ServiceState }): JSX.Element {
  return (
    <span
      className={`cs-state cs-state-${state.toLowerCase()}`}
      data-testid="service-state"
      data-state={state}
    >
      {LABELS[state]}
    </span>
  );
}
