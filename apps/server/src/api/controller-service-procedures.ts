import type { FlowEngine } from '@sluice/engine';
import type { ControllerServiceConfig } from '@sluice/flow-schema';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { edit, newId, nextDocument, requireIds } from './edits.js';
import { propertiesView } from './flow-view.js';
import { mergeProperties, propertiesInput } from './processor-draft.js';
import {
  type ApiContext,
  badRequest,
  editorProcedure,
  engineOf,
  flowInput,
  idInput,
  notFound,
  operatorProcedure,
  viewerProcedure,
} from './trpc.js';

/**
 * A controller service as the API shows it: configuration without secrets, live state, the API
 * it provides, what keeps it from being enabled, and the processors that use it.
 */
function serviceView(ctx: ApiContext, engine: FlowEngine, config: ControllerServiceConfig) {
  const node = engine.controllerServices.get(config.id);
  return {
    id: config.id,
    type: config.type,
    name: config.name,
    properties: propertiesView(ctx.workspace.registry, config),
    state: node?.state ?? 'DISABLED',
    provides: node?.provides ?? null,
    validationErrors: node?.validate() ?? [],
    referencedBy: engine.serviceUsers(config.id).map((p) => ({
      id: p.id,
      name: p.config.name,
      type: p.definition.type,
      state: p.state,
    })),
  };
}

/** One controller service view after a change. */
function serviceResult(ctx: ApiContext, engine: FlowEngine, id: string) {
  const config = engine.document.flow.controllerServices.find((s) => s.id === id)!;
  return serviceView(ctx, engine, config);
}

const serviceInput = flowInput.extend({ id: idInput });

/** Enables or disables one service through the workspace, so the state is saved; refusals are errors. */
async function control(
  ctx: ApiContext,
  input: z.infer<typeof serviceInput>,
  verb: 'enable' | 'disable',
) {
  const engine = engineOf(ctx, input.flowId);
  const { flow } = engine.document;
  requireIds('controller service', [input.id], flow.controllerServices, flow);
  const result = await ctx.workspace.act(input.flowId, (e) =>
    verb === 'enable' ? e.enableService(input.id) : e.disableService(input.id),
  );
  if (!result.ok) {
    const name = engine.controllerServices.get(input.id)?.config.name ?? input.id;
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Cannot ${verb} '${name}': ${result.reasons.join('; ')}`,
    });
  }
  return serviceResult(ctx, engine, input.id);
}

/** controllerServices.list / add / update / delete / enable / disable. */
export const controllerServiceProcedures = {
  list: viewerProcedure.input(flowInput).query(({ ctx, input }) => {
    const engine = engineOf(ctx, input.flowId);
    return engine.document.flow.controllerServices.map((s) => serviceView(ctx, engine, s));
  }),

  add: editorProcedure
    .input(
      flowInput.extend({
        type: z.string().min(1),
        name: z.string().max(500).optional(),
        properties: z.record(z.string().min(1), z.string()).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (!ctx.workspace.registry.service(input.type)) {
        throw badRequest(
          `Unknown controller service type '${input.type}'; catalog.services names the known types`,
        );
      }
      const id = newId();
      const engine = await edit(ctx, input.flowId, (current) =>
        nextDocument(current, (flow) => ({
          controllerServices: [
            ...flow.controllerServices,
            {
              id,
              type: input.type,
              name: input.name ?? input.type,
              properties: input.properties ?? {},
              state: 'DISABLED',
            },
          ],
        })),
      );
      return serviceResult(ctx, engine, id);
    }),

  update: editorProcedure
    .input(
      serviceInput.extend({
        name: z.string().max(500).optional(),
        properties: propertiesInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) => {
        const existing = current.flow.controllerServices.find((s) => s.id === input.id);
        if (!existing) throw notFound('controller service', input.id, current.flow.name);
        const updated: ControllerServiceConfig = {
          ...existing,
          ...(input.name !== undefined ? { name: input.name } : {}),
          properties: mergeProperties(existing.properties, input.properties),
        };
        return nextDocument(current, (flow) => ({
          controllerServices: flow.controllerServices.map((s) => (s.id === input.id ? updated : s)),
        }));
      });
      return serviceResult(ctx, engine, input.id);
    }),

  delete: editorProcedure.input(serviceInput).mutation(async ({ ctx, input }) => {
    const engine = engineOf(ctx, input.flowId);
    const users = engine.serviceUsers(input.id);
    if (users.length > 0) {
      const name = engine.controllerServices.get(input.id)?.config.name ?? input.id;
      throw badRequest(
        `Cannot delete '${name}': used by ${users.map((p) => `'${p.config.name}'`).join(', ')}`,
      );
    }
    await edit(ctx, input.flowId, (current) => {
      requireIds('controller service', [input.id], current.flow.controllerServices, current.flow);
      return nextDocument(current, (flow) => ({
        controllerServices: flow.controllerServices.filter((s) => s.id !== input.id),
      }));
    });
    return { deleted: input.id };
  }),

  enable: operatorProcedure
    .input(serviceInput)
    .mutation(({ ctx, input }) => control(ctx, input, 'enable')),
  disable: operatorProcedure
    .input(serviceInput)
    .mutation(({ ctx, input }) => control(ctx, input, 'disable')),
};
