import { relationshipsOf } from '@sluice/engine';
import { prioritizerSchema, type ConnectionConfig, type Flow } from '@sluice/flow-schema';
import { z } from 'zod';
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
  engineOf,
  flowInput,
  idInput,
  notFound,
  operatorProcedure,
} from './trpc.js';

const settingsInput = z.object({
  name: z.string().max(500).optional(),
  backPressure: z
    .object({ objectThreshold: z.number().int().min(0), dataSizeThreshold: z.string() })
    .partial()
    .strict()
    .optional(),
  prioritizers: z.array(prioritizerSchema).optional(),
  expiration: z.string().optional(),
  bends: z.array(positionInput).max(1000).optional(),
});

/** Refuses relationships the source processor does not have, naming the ones it has. */
function checkRelationships(
  ctx: ApiContext,
  flow: Flow,
  sourceId: string,
  relationships: readonly string[],
) {
  const source = flow.processors.find((p) => p.id === sourceId);
  if (!source) throw notFound('processor', sourceId, flow.name);
  const definition = ctx.workspace.registry.get(source.type);
  if (!definition) return;
  const known = relationshipsOf(definition, source.properties);
  const unknown = relationships.filter((r) => !known.includes(r));
  if (unknown.length > 0) {
    throw badRequest(
      `Processor '${source.name}' has no relationship ${unknown.map((r) => `'${r}'`).join(', ')}; it has: ${known.join(', ')}`,
    );
  }
}

function connectionOf(flow: Flow, id: string): ConnectionConfig {
  const connection = flow.connections.find((c) => c.id === id);
  if (!connection) throw notFound('connection', id, flow.name);
  return connection;
}

/** connections.add / update / delete / empty. */
export const connectionProcedures = {
  add: editorProcedure
    .input(
      flowInput.extend(settingsInput.shape).extend({
        source: idInput,
        destination: idInput,
        relationships: z.array(z.string().min(1)).min(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const id = newId();
      const { flowId: _f, source, destination, bends, ...rest } = input;
      const engine = await edit(ctx, input.flowId, (current) => {
        checkRelationships(ctx, current.flow, source, input.relationships);
        if (!current.flow.processors.some((p) => p.id === destination)) {
          throw notFound('processor', destination, current.flow.name);
        }
        return nextDocument(current, (flow) => ({
          connections: [
            ...flow.connections,
            {
              ...rest,
              id,
              source: { id: source },
              destination: { id: destination },
              ...(bends ? { bends: bends.map(rounded) } : {}),
            } as ConnectionConfig,
          ],
        }));
      });
      return connectionOf(engine.document.flow, id);
    }),

  update: editorProcedure
    .input(
      flowInput.extend(settingsInput.shape).extend({
        id: idInput,
        destination: idInput.optional(),
        relationships: z.array(z.string().min(1)).min(1).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) => {
        const existing = connectionOf(current.flow, input.id);
        if (input.relationships)
          checkRelationships(ctx, current.flow, existing.source.id, input.relationships);
        if (input.destination && !current.flow.processors.some((p) => p.id === input.destination)) {
          throw notFound('processor', input.destination, current.flow.name);
        }
        const updated: ConnectionConfig = {
          ...existing,
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.destination ? { destination: { id: input.destination } } : {}),
          ...(input.relationships ? { relationships: input.relationships } : {}),
          ...(input.backPressure
            ? { backPressure: { ...existing.backPressure, ...input.backPressure } }
            : {}),
          ...(input.prioritizers ? { prioritizers: input.prioritizers } : {}),
          ...(input.expiration !== undefined ? { expiration: input.expiration } : {}),
          ...(input.bends ? { bends: input.bends.map(rounded) } : {}),
        };
        return nextDocument(current, (flow) => ({
          connections: flow.connections.map((c) => (c.id === input.id ? updated : c)),
        }));
      });
      return connectionOf(engine.document.flow, input.id);
    }),

  delete: editorProcedure
    .input(flowInput.extend({ ids: idsInput }))
    .mutation(async ({ ctx, input }) => {
      const ids = new Set(idList(input.ids));
      await edit(ctx, input.flowId, (current) => {
        requireIds('connection', [...ids], current.flow.connections, current.flow);
        return nextDocument(current, (flow) => ({
          connections: flow.connections.filter((c) => !ids.has(c.id)),
        }));
      });
      return { deleted: [...ids] };
    }),

  /** Drops what a connection holds (NiFi's "Empty queue"); returns how many were dropped. */
  empty: operatorProcedure
    .input(flowInput.extend({ id: idInput }))
    .mutation(async ({ ctx, input }) => {
      const engine = engineOf(ctx, input.flowId);
      connectionOf(engine.document.flow, input.id);
      return { dropped: await engine.emptyQueue(input.id) };
    }),
};
