import { z } from 'zod';
import { flowView } from './flow-view.js';
import { edit, nextDocument } from './edits.js';
import { applied, engineOf, flowInput, procedure } from './trpc.js';

const nameInput = z.string().trim().min(1, 'a flow needs a name').max(500);

/** flows.list / get / create / rename / delete. */
export const flowProcedures = {
  list: procedure.query(({ ctx }) =>
    ctx.workspace.list().map((engine) => {
      const { flow } = engine.document;
      return {
        id: flow.id,
        name: flow.name,
        processors: flow.processors.length,
        running: engine.processorStatus().filter((p) => p.state === 'RUNNING').length,
      };
    }),
  ),
  get: procedure
    .input(flowInput)
    .query(({ ctx, input }) =>
      flowView(ctx.workspace.registry, engineOf(ctx, input.flowId).document),
    ),
  create: procedure.input(z.object({ name: nameInput })).mutation(async ({ ctx, input }) => {
    const engine = await ctx.workspace.create(input.name);
    return { id: engine.document.flow.id, name: engine.document.flow.name };
  }),
  rename: procedure
    .input(flowInput.extend({ name: nameInput }))
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) =>
        nextDocument(current, () => ({ name: input.name })),
      );
      return { id: input.flowId, name: engine.document.flow.name };
    }),
  delete: procedure.input(flowInput).mutation(async ({ ctx, input }) => {
    engineOf(ctx, input.flowId);
    applied(await ctx.workspace.delete(input.flowId));
    return { deleted: input.flowId };
  }),
};
