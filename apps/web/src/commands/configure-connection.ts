import type { ApiInputs, ConnectionView } from '../api/types.js';
import type { Command, CommandContext } from './types.js';

/** What a connection edit changes: `connections.update` without the flow and connection id. */
export type ConnectionEdit = Omit<ApiInputs['connections']['update'], 'flowId' | 'id'>;

/**
 * The edit that puts back what `change` changes, from the connection as it was before. A
 * connection without a name gets the empty name back (the API cannot unset it, and an empty
 * name shows as none).
 */
export function inverseConnectionEdit(
  before: ConnectionView,
  change: ConnectionEdit,
): ConnectionEdit {
  const inverse: { -readonly [K in keyof ConnectionEdit]: ConnectionEdit[K] } = {};
  if (change.name !== undefined) inverse.name = before.name ?? '';
  if (change.destination !== undefined) inverse.destination = before.destination.id;
  if (change.relationships) inverse.relationships = [...before.relationships];
  if (change.backPressure) {
    const backPressure: Record<string, unknown> = {};
    for (const key of Object.keys(change.backPressure) as (keyof typeof change.backPressure)[]) {
      backPressure[key] = before.backPressure[key];
    }
    inverse.backPressure = backPressure as ConnectionEdit['backPressure'];
  }
  if (change.prioritizers) inverse.prioritizers = [...before.prioritizers];
  if (change.expiration !== undefined) inverse.expiration = before.expiration;
  if (change.bends) inverse.bends = before.bends.map((b) => ({ ...b }));
  return inverse;
}

/** Changes a connection's settings (the connection panel's Apply); the inverse restores them. */
export function configureConnection(before: ConnectionView, change: ConnectionEdit): Command {
  const inverse = inverseConnectionEdit(before, change);
  const apply = (ctx: CommandContext, edit: ConnectionEdit) =>
    ctx.api.connections.update.mutate({
      flowId: ctx.flowId,
      ...edit,
      id: ctx.resolve(before.id),
      // A destination is a processor id, which an undo of a delete may have changed.
      ...(edit.destination !== undefined ? { destination: ctx.resolve(edit.destination) } : {}),
    });
  return {
    label: `Configure connection ${before.name || before.relationships.join(', ')}`,
    async do(ctx) {
      await apply(ctx, change);
    },
    async undo(ctx) {
      await apply(ctx, inverse);
    },
  };
}
