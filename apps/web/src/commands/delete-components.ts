import type { ConnectionView, LabelView, ProcessorView } from '../api/types.js';
import type { CanvasSelection } from '../canvas/types.js';
import {
  connectionBlueprint,
  createConnection,
  createLabel,
  createProcessor,
  processorBlueprint,
} from './blueprints.js';
import { runSteps, type Step } from './steps.js';
import type { Command, CommandContext } from './types.js';

/** The flow's components, as the graph store holds them before the delete. */
export interface FlowComponents {
  readonly processors: readonly ProcessorView[];
  readonly connections: readonly ConnectionView[];
  readonly labels: readonly LabelView[];
}

/**
 * Deletes a selection: processors (with every connection attached to them, as the server
 * does), connections and labels. The inverse re-creates them all from what they were, in
 * dependency order (processors before connections). Re-created components get new server ids;
 * each is aliased from its old id so that older commands in the history still find it.
 * Returns null when the selection holds nothing to delete.
 */
export function deleteComponents(flow: FlowComponents, selection: CanvasSelection): Command | null {
  const processorIds = new Set(selection.processors);
  const connectionIds = new Set(selection.connections);
  const labelIds = new Set(selection.labels);
  const processors = flow.processors.filter((p) => processorIds.has(p.id));
  const isAttached = (c: ConnectionView) =>
    processorIds.has(c.source.id) || processorIds.has(c.destination.id);
  // Attached connections go with their processors' delete; loose ones need their own call.
  const attached = flow.connections.filter(isAttached);
  const loose = flow.connections.filter((c) => !isAttached(c) && connectionIds.has(c.id));
  const labels = flow.labels.filter((l) => labelIds.has(l.id));
  if (processors.length + attached.length + loose.length + labels.length === 0) return null;

  const restoreProcessors = (ctx: CommandContext): Step[] =>
    processors.map((p) => ({
      run: () => createProcessor(ctx, p.id, processorBlueprint(p)),
      revert: () =>
        ctx.api.processors.delete.mutate({ flowId: ctx.flowId, ids: ctx.resolve(p.id) }),
    }));
  const restoreConnections = (ctx: CommandContext, list: readonly ConnectionView[]): Step[] =>
    list.map((c) => ({
      run: () => createConnection(ctx, c.id, connectionBlueprint(c)),
      revert: () =>
        ctx.api.connections.delete.mutate({ flowId: ctx.flowId, ids: ctx.resolve(c.id) }),
    }));
  const restoreLabels = (ctx: CommandContext): Step[] =>
    labels.map(({ id, ...label }) => ({
      run: () => createLabel(ctx, id, label),
      revert: () => ctx.api.labels.delete.mutate({ flowId: ctx.flowId, ids: ctx.resolve(id) }),
    }));
  const idsOf = (ctx: CommandContext, list: readonly { id: string }[]) =>
    list.map((c) => ctx.resolve(c.id));

  return {
    label: `Delete ${describe(processors.length, attached.length + loose.length, labels.length)}`,
    async do(ctx) {
      const { api, flowId } = ctx;
      const steps: Step[] = [];
      if (processors.length > 0) {
        steps.push({
          run: () => api.processors.delete.mutate({ flowId, ids: idsOf(ctx, processors) }),
          revert: () => runSteps([...restoreProcessors(ctx), ...restoreConnections(ctx, attached)]),
        });
      }
      if (loose.length > 0) {
        steps.push({
          run: () => api.connections.delete.mutate({ flowId, ids: idsOf(ctx, loose) }),
          revert: () => runSteps(restoreConnections(ctx, loose)),
        });
      }
      if (labels.length > 0) {
        steps.push({
          run: () => api.labels.delete.mutate({ flowId, ids: idsOf(ctx, labels) }),
          revert: () => runSteps(restoreLabels(ctx)),
        });
      }
      await runSteps(steps);
    },
    async undo(ctx) {
      await runSteps([
        ...restoreLabels(ctx),
        ...restoreProcessors(ctx),
        // In the flow's order, which is the order they were made in.
        ...restoreConnections(
          ctx,
          flow.connections.filter((c) => isAttached(c) || loose.includes(c)),
        ),
      ]);
    },
  };
}

function describe(processors: number, connections: number, labels: number): string {
  const parts: string[] = [];
  if (processors) parts.push(plural(processors, 'processor'));
  if (connections) parts.push(plural(connections, 'connection'));
  if (labels) parts.push(plural(labels, 'label'));
  return parts.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
