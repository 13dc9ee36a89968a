import type { Position } from '../api/types.js';
import type { Command, CommandContext } from './types.js';

/** One dragged component: where it was and where it was dropped. */
export interface Move {
  readonly kind: 'processor' | 'label';
  readonly id: string;
  readonly from: Position;
  readonly to: Position;
}

/**
 * Moves processors and labels (a drag of a selection). The inverse moves them back to where
 * the drag started.
 */
export function moveComponents(moves: readonly Move[]): Command {
  const count = moves.length;
  const label =
    count === 1
      ? `Move ${moves[0]!.kind}`
      : `Move ${count} ${moves.every((m) => m.kind === 'label') ? 'labels' : 'components'}`;
  return {
    label,
    do: (ctx) => place(ctx, moves, 'to'),
    undo: (ctx) => place(ctx, moves, 'from'),
  };
}

async function place(ctx: CommandContext, moves: readonly Move[], end: 'from' | 'to') {
  const processors = moves
    .filter((m) => m.kind === 'processor')
    .map((m) => ({ id: ctx.resolve(m.id), position: m[end] }));
  if (processors.length > 0) {
    await ctx.api.processors.move.mutate({ flowId: ctx.flowId, moves: processors });
  }
  for (const m of moves) {
    if (m.kind !== 'label') continue;
    await ctx.api.labels.update.mutate({
      flowId: ctx.flowId,
      id: ctx.resolve(m.id),
      position: m[end],
    });
  }
}
