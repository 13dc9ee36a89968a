import { bulletinLevelSchema } from '@sluice/flow-schema';
import { z } from 'zod';
import { catalog } from './catalog.js';
import { connectionProcedures } from './connection-procedures.js';
import { flowProcedures } from './flow-procedures.js';
import { labelProcedures } from './label-procedures.js';
import { processorControlProcedures } from './processor-control.js';
import { processorEditProcedures } from './processor-edits.js';
import { statusProcedures } from './status-procedures.js';
import { validateDraftProcedure } from './validate-draft.js';
import { engineOf, flowInput, procedure, router } from './trpc.js';

/** Sluice's API: one tRPC router, every input validated with zod. */
export const appRouter = router({
  flows: router(flowProcedures),
  processors: router({
    ...processorEditProcedures,
    ...processorControlProcedures,
    validateDraft: validateDraftProcedure,
  }),
  connections: router(connectionProcedures),
  labels: router(labelProcedures),
  catalog: router({
    list: procedure.query(({ ctx }) => catalog(ctx.workspace.registry)),
  }),
  status: router(statusProcedures),
  bulletins: router({
    query: procedure
      .input(
        flowInput.extend({
          componentId: z.string().min(1).optional(),
          minLevel: bulletinLevelSchema.optional(),
          text: z.string().max(500).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        }),
      )
      .query(({ ctx, input }) => {
        const { flowId, ...query } = input;
        return engineOf(ctx, flowId).bulletins.query(query);
      }),
  }),
});

/** The router's type, for the web client's `createTRPCClient<AppRouter>`. */
export type AppRouter = typeof appRouter;
