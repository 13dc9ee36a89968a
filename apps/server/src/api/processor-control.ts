import type { FlowEngine, StartResult } from '@sluice/engine';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { idList, idsInput, requireIds } from './edits.js';
import {
  type ApiContext,
  engineOf,
  flowInput,
  idInput,
  operatorProcedure,
  viewerProcedure,
} from './trpc.js';

/** What happened to one processor of a start, stop, run once, enable or disable. */
export interface ControlResult {
  readonly id: string;
  readonly ok: boolean;
  readonly reasons: readonly string[];
  readonly state: string;
}

const selectionInput = flowInput.extend({ ids: idsInput });

/**
 * Runs an action on each selected processor and saves the run states. Unknown ids refuse the
 * whole request; with one id (a string) a refusal is an error, with a list each result says its own.
 */
async function control(
  ctx: ApiContext,
  input: z.infer<typeof selectionInput>,
  verb: string,
  action: (engine: FlowEngine, id: string) => Promise<StartResult>,
): Promise<{ results: ControlResult[] }> {
  const engine = engineOf(ctx, input.flowId);
  const ids = idList(input.ids);
  requireIds('processor', ids, engine.document.flow.processors, engine.document.flow);
  const results = await ctx.workspace.act(input.flowId, async (e) => {
    const out: ControlResult[] = [];
    for (const id of ids) {
      const result = await action(e, id);
      const state = e.processors.get(id)?.state ?? 'STOPPED';
      out.push({ id, ok: result.ok, reasons: result.ok ? [] : result.reasons, state });
    }
    return out;
  });
  const single = typeof input.ids === 'string' ? results[0] : undefined;
  if (single && !single.ok) {
    const name = engine.processors.get(single.id)?.config.name ?? single.id;
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Cannot ${verb} '${name}': ${single.reasons.join('; ')}`,
    });
  }
  return { results };
}

const ok: StartResult = { ok: true };

/** processors.start / stop / runOnce / enable / disable / startAll / stopAll / validation. */
export const processorControlProcedures = {
  start: operatorProcedure
    .input(selectionInput)
    .mutation(({ ctx, input }) => control(ctx, input, 'start', (e, id) => e.start(id))),
  stop: operatorProcedure
    .input(selectionInput)
    .mutation(({ ctx, input }) =>
      control(ctx, input, 'stop', (e, id) => e.stop(id).then(() => ok)),
    ),
  runOnce: operatorProcedure
    .input(selectionInput)
    .mutation(({ ctx, input }) => control(ctx, input, 'run once', (e, id) => e.runOnce(id))),
  enable: operatorProcedure.input(selectionInput).mutation(({ ctx, input }) =>
    control(ctx, input, 'enable', async (e, id) => {
      e.processors.get(id)!.enable();
      return ok;
    }),
  ),
  disable: operatorProcedure.input(selectionInput).mutation(({ ctx, input }) =>
    control(ctx, input, 'disable', async (e, id) => {
      await e.processors.get(id)!.disable();
      return ok;
    }),
  ),
  startAll: operatorProcedure.input(flowInput).mutation(async ({ ctx, input }) => {
    engineOf(ctx, input.flowId);
    const refused = await ctx.workspace.act(input.flowId, (e) => e.startAll());
    return { refused: [...refused].map(([id, reasons]) => ({ id, reasons })) };
  }),
  stopAll: operatorProcedure.input(flowInput).mutation(async ({ ctx, input }) => {
    engineOf(ctx, input.flowId);
    await ctx.workspace.act(input.flowId, (e) => e.stopAll());
    return { stopped: true };
  }),
  validation: viewerProcedure
    .input(flowInput.extend({ id: idInput.optional() }))
    .query(({ ctx, input }) => {
      const engine = engineOf(ctx, input.flowId);
      if (input.id !== undefined) {
        requireIds('processor', [input.id], engine.document.flow.processors, engine.document.flow);
      }
      return [...engine.processors.values()]
        .filter((node) => input.id === undefined || node.id === input.id)
        .map((node) => ({
          id: node.id,
          name: node.config.name,
          state: node.state,
          issues: node.validate(),
        }));
    }),
};
