import type { ProcessorStatusView, ProcessorView } from '../api/types.js';

/** What a card shows as the processor's state: the engine's run state, or INVALID (NiFi's). */
export type DisplayState = 'RUNNING' | 'STOPPED' | 'DISABLED' | 'INVALID';

/**
 * A processor's displayed state: the live run state when the stats stream has one (else the
 * saved state), and INVALID for a stopped processor with validation errors, as NiFi shows it;
 * a running or disabled processor keeps its state even if a later edit made it invalid.
 */
export function displayState(
  processor: Pick<ProcessorView, 'state'>,
  status: Pick<ProcessorStatusView, 'state' | 'validationErrors'> | undefined,
): DisplayState {
  const state = status?.state ?? processor.state;
  if (state === 'STOPPED' && (status?.validationErrors.length ?? 0) > 0) return 'INVALID';
  return state;
}
