import { createConnection, type ConnectionBlueprint } from './blueprints.js';
import type { Command } from './types.js';

/** Connects relationships of a processor to another (the connect dialog's Add, a paste). */
export function addConnection(
  ref: string,
  blueprint: ConnectionBlueprint,
  names?: { readonly source: string; readonly destination: string },
): Command {
  const what = blueprint.relationships.join(', ');
  return {
    label: names ? `Connect ${names.source} → ${names.destination} (${what})` : `Connect ${what}`,
    async do(ctx) {
      await createConnection(ctx, ref, blueprint);
    },
    async undo(ctx) {
      await ctx.api.connections.delete.mutate({ flowId: ctx.flowId, ids: ctx.resolve(ref) });
    },
  };
}
