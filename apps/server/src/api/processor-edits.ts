import type { FlowEngine } from '@sluice/engine';
import type { ProcessorConfig } from '@sluice/flow-schema';
import { z } from 'zod';
import { processorView } from './flow-view.js';
import {
  mergeScheduling,
  mergeSensitiveDynamic,
  propertiesInput,
  schedulingInput,
  sensitiveDynamicInput,
} from './processor-draft.js';
import {
  edit,
  idList,
  idsInput,
  newId,
  nextDocument,
  positionInput,
  requireIds,
  rounded,
} from './edits.js';
import {
  type ApiContext,
  badRequest,
  editorProcedure,
  flowInput,
  idInput,
  notFound,
} from './trpc.js';

/** A processor as the API returns it after an edit: its config without secrets and its validation. */
function processorResult(ctx: ApiContext, engine: FlowEngine, id: string) {
  const config = engine.document.flow.processors.find((p) => p.id === id)!;
  return {
    processor: processorView(ctx.workspace.registry, config),
    validationErrors: engine.processors.get(id)?.validate() ?? [],
  };
}

/** processors.add / update / move / delete: each builds the next document and applies it. */
export const processorEditProcedures = {
  add: editorProcedure
    .input(
      flowInput.extend({
        type: z.string().min(1),
        name: z.string().max(500).optional(),
        position: positionInput,
        properties: z.record(z.string().min(1), z.string()).optional(),
        sensitiveDynamicProperties: sensitiveDynamicInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const definition = ctx.workspace.registry.get(input.type);
      if (!definition) {
        throw badRequest(
          `Unknown processor type '${input.type}'; catalog.list names the known types`,
        );
      }
      const id = newId();
      const engine = await edit(ctx, input.flowId, (current) =>
        nextDocument(current, (flow) => ({
          processors: [
            ...flow.processors,
            {
              id,
              type: input.type,
              name: input.name ?? input.type,
              position: rounded(input.position),
              properties: input.properties ?? {},
              ...(input.sensitiveDynamicProperties?.length
                ? { sensitiveDynamicProperties: [...new Set(input.sensitiveDynamicProperties)] }
                : {}),
              scheduling: definition.defaultRunSchedule
                ? { period: definition.defaultRunSchedule }
                : {},
            } as ProcessorConfig,
          ],
        })),
      );
      return processorResult(ctx, engine, id);
    }),

  update: editorProcedure
    .input(
      flowInput.extend({
        id: idInput,
        name: z.string().max(500).optional(),
        comments: z.string().max(10_000).optional(),
        properties: propertiesInput.optional(),
        sensitiveDynamicProperties: sensitiveDynamicInput.optional(),
        scheduling: schedulingInput.optional(),
        autoTerminatedRelationships: z.array(z.string().min(1)).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) => {
        const existing = current.flow.processors.find((p) => p.id === input.id);
        if (!existing) throw notFound('processor', input.id, current.flow.name);
        const updated: ProcessorConfig = {
          ...existing,
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.comments !== undefined ? { comments: input.comments } : {}),
          ...mergeSensitiveDynamic(existing, input),
          scheduling: mergeScheduling(existing.scheduling, input.scheduling),
          autoTerminatedRelationships:
            input.autoTerminatedRelationships ?? existing.autoTerminatedRelationships,
        };
        return nextDocument(current, (flow) => ({
          processors: flow.processors.map((p) => (p.id === input.id ? updated : p)),
        }));
      });
      return processorResult(ctx, engine, input.id);
    }),

  move: editorProcedure
    .input(
      flowInput.extend({
        moves: z
          .array(z.object({ id: idInput, position: positionInput }))
          .min(1)
          .max(10_000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const positions = new Map(input.moves.map((m) => [m.id, rounded(m.position)]));
      await edit(ctx, input.flowId, (current) => {
        requireIds('processor', [...positions.keys()], current.flow.processors, current.flow);
        return nextDocument(current, (flow) => ({
          processors: flow.processors.map((p) => {
            const position = positions.get(p.id);
            return position ? { ...p, position } : p;
          }),
        }));
      });
      return { moved: [...positions].map(([id, position]) => ({ id, position })) };
    }),

  delete: editorProcedure
    .input(flowInput.extend({ ids: idsInput }))
    .mutation(async ({ ctx, input }) => {
      const ids = new Set(idList(input.ids));
      let removedConnections: string[] = [];
      await edit(ctx, input.flowId, (current) => {
        requireIds('processor', [...ids], current.flow.processors, current.flow);
        // Like NiFi's delete of a selection: the connections of a removed processor go with it.
        const attached = (c: { source: { id: string }; destination: { id: string } }) =>
          ids.has(c.source.id) || ids.has(c.destination.id);
        removedConnections = current.flow.connections.filter(attached).map((c) => c.id);
        return nextDocument(current, (flow) => ({
          processors: flow.processors.filter((p) => !ids.has(p.id)),
          connections: flow.connections.filter((c) => !attached(c)),
        }));
      });
      return { deleted: [...ids], deletedConnections: removedConnections };
    }),
};
