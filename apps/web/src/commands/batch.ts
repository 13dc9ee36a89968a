import type { Command } from './types.js';

/**
 * Several commands as one edit (a paste: processors, then the connections between them). Undone
 * in reverse order. If one fails, the ones already applied are reverted, so a batch is applied
 * whole or not at all.
 */
export function batch(label: string, commands: readonly Command[]): Command {
  return {
    label,
    async do(ctx) {
      const done: Command[] = [];
      try {
        for (const command of commands) {
          await command.do(ctx);
          done.push(command);
        }
      } catch (error) {
        for (const command of done.reverse()) await command.undo(ctx).catch(() => undefined);
        throw error;
      }
    },
    async undo(ctx) {
      const undone: Command[] = [];
      try {
        for (const command of [...commands].reverse()) {
          await command.undo(ctx);
          undone.push(command);
        }
      } catch (error) {
        for (const command of undone.reverse()) await command.do(ctx).catch(() => undefined);
        throw error;
      }
    },
  };
}
