import type { ApiInputs, ProcessorView } from '../api/types.js';
import type { Command } from './types.js';

/** What a configure changes: `processors.update` without the flow and the processor id. */
export type ProcessorEdit = Omit<ApiInputs['processors']['update'], 'flowId' | 'id'>;

/**
 * The edit that puts back what `change` changes, from the processor as it was before: each
 * changed field gets its old value, a property that did not exist is removed again (null), and
 * a changed scheduling field gets its old value (an unset cron is removed with null).
 *
 * Sensitive properties are left out: the browser only ever sees `{ set }` for them, never the
 * value, so an undo cannot restore a secret; it keeps whatever the edit set.
 */
export function inverseProcessorEdit(before: ProcessorView, change: ProcessorEdit): ProcessorEdit {
  const inverse: { -readonly [K in keyof ProcessorEdit]: ProcessorEdit[K] } = {};
  if (change.name !== undefined) inverse.name = before.name;
  if (change.comments !== undefined) inverse.comments = before.comments ?? '';
  if (change.properties) {
    const properties: Record<string, string | null> = {};
    for (const key of Object.keys(change.properties)) {
      const old = before.properties[key];
      if (old === undefined) properties[key] = null;
      else if (typeof old === 'string') properties[key] = old;
      // else: a sensitive value, which the client never has (see above).
    }
    if (Object.keys(properties).length > 0) inverse.properties = properties;
  }
  if (change.sensitiveDynamicProperties) {
    // Undoing a new mark drops the value typed with it on the server, never shows it.
    inverse.sensitiveDynamicProperties = [...(before.sensitiveDynamicProperties ?? [])];
  }
  if (change.scheduling) {
    const scheduling: Record<string, unknown> = {};
    for (const key of Object.keys(change.scheduling) as (keyof typeof change.scheduling)[]) {
      scheduling[key] = key === 'cron' ? (before.scheduling.cron ?? null) : before.scheduling[key];
    }
    inverse.scheduling = scheduling as ProcessorEdit['scheduling'];
  }
  if (change.autoTerminatedRelationships) {
    inverse.autoTerminatedRelationships = [...before.autoTerminatedRelationships];
  }
  return inverse;
}

/** Configures a processor (the configuration panel's Apply); the inverse restores it. */
export function configureProcessor(before: ProcessorView, change: ProcessorEdit): Command {
  const inverse = inverseProcessorEdit(before, change);
  return {
    label: `Configure ${before.name}`,
    async do(ctx) {
      await ctx.api.processors.update.mutate({
        flowId: ctx.flowId,
        id: ctx.resolve(before.id),
        ...change,
      });
    },
    async undo(ctx) {
      await ctx.api.processors.update.mutate({
        flowId: ctx.flowId,
        id: ctx.resolve(before.id),
        ...inverse,
      });
    },
  };
}
