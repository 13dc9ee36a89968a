import { createProcessor, type ProcessorBlueprint } from './blueprints.js';
import type { Command } from './types.js';

/**
 * Adds a processor (from the palette, a paste). `ref` is a placeholder the caller chose; after
 * `do` the registry resolves it to the new processor's id, and every redo re-creates the
 * processor under a fresh id that the same ref then resolves to.
 */
export function addProcessor(ref: string, blueprint: ProcessorBlueprint): Command {
  return {
    label: `Add ${blueprint.name}`,
    async do(ctx) {
      await createProcessor(ctx, ref, blueprint);
    },
    async undo(ctx) {
      await ctx.api.processors.delete.mutate({ flowId: ctx.flowId, ids: ctx.resolve(ref) });
    },
  };
}
