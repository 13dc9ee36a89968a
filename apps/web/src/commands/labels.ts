import type { ApiInputs, LabelView } from '../api/types.js';
import { createLabel, type LabelBlueprint } from './blueprints.js';
import type { Command } from './types.js';

/** Adds a label; `ref` resolves to its id once it exists (see addProcessor). */
export function addLabel(ref: string, blueprint: LabelBlueprint): Command {
  return {
    label: 'Add label',
    async do(ctx) {
      await createLabel(ctx, ref, blueprint);
    },
    async undo(ctx) {
      await ctx.api.labels.delete.mutate({ flowId: ctx.flowId, ids: ctx.resolve(ref) });
    },
  };
}

/** What a label edit changes. */
export type LabelEdit = Pick<ApiInputs['labels']['update'], 'text' | 'size' | 'style'>;

/**
 * Edits a label's text, size or style. The inverse puts the old values back; a label without
 * a style gets an empty one (the API replaces the style and cannot unset it).
 */
export function editLabel(before: LabelView, change: LabelEdit): Command {
  const inverse: LabelEdit = {
    ...(change.text !== undefined ? { text: before.text } : {}),
    ...(change.size ? { size: before.size } : {}),
    ...(change.style ? { style: before.style ?? {} } : {}),
  };
  return {
    label: change.text !== undefined ? 'Edit label' : 'Resize label',
    async do(ctx) {
      await ctx.api.labels.update.mutate({
        flowId: ctx.flowId,
        id: ctx.resolve(before.id),
        ...change,
      });
    },
    async undo(ctx) {
      await ctx.api.labels.update.mutate({
        flowId: ctx.flowId,
        id: ctx.resolve(before.id),
        ...inverse,
      });
    },
  };
}
