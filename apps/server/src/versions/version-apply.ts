import type { FlowEngine } from '@sluice/engine';
import type { FlowDocument, ProcessorState } from '@sluice/flow-schema';
import {
  collectSecrets,
  restoreSecrets,
  type IsSensitiveProperty,
} from '../secrets/flow-secrets.js';

/** Whether a property of a processor or controller service type holds a secret. */
export type IsSensitive = IsSensitiveProperty;

/**
 * A version read from git made ready to run in place of the flow the engine runs now:
 *
 * - Run states are the engine's, not the version's: a processor that runs keeps running (the
 *   engine refuses the version if it would change its configuration, with the reason), one that
 *   is stopped stays stopped, and one the version brings back comes in stopped (or disabled), as
 *   an import does: restoring never starts anything by itself.
 * - Secrets are kept: a version's file holds no sensitive value, so each one the running flow
 *   has is carried over to the same processor, controller service or sensitive parameter, and
 *   only where the version's type still declares that property sensitive (a secret must never
 *   land in a plain property, and from there in git).
 */
export function versionForEngine(
  version: FlowDocument,
  engine: FlowEngine,
  isSensitive: IsSensitiveProperty,
): FlowDocument {
  const withSecrets = restoreSecrets(
    version,
    collectSecrets(engine.document, isSensitive),
    isSensitive,
  );
  return {
    ...withSecrets,
    flow: {
      ...withSecrets.flow,
      processors: withSecrets.flow.processors.map((p) => ({
        ...p,
        state: runStateFor(p.id, p.state, engine),
      })),
    },
  };
}

/** A processor's run state after a restore: the engine's own, else stopped (or disabled). */
function runStateFor(id: string, saved: ProcessorState, engine: FlowEngine): ProcessorState {
  const live = engine.processors.get(id)?.state;
  if (live !== undefined) return live;
  return saved === 'DISABLED' ? 'DISABLED' : 'STOPPED';
}

/** A document of a flow that is not open yet (pulled from a remote): everything stopped. */
export function stoppedDocument(document: FlowDocument): FlowDocument {
  return {
    ...document,
    flow: {
      ...document.flow,
      processors: document.flow.processors.map((p) =>
        p.state === 'RUNNING' ? { ...p, state: 'STOPPED' as const } : p,
      ),
    },
  };
}
