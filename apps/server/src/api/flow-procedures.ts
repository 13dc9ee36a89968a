import { FlowValidationError } from '@sluice/flow-schema';
import { z } from 'zod';
import { exportFlow } from '../flows/flow-export.js';
import { MAX_IMPORT_BYTES, prepareImport } from '../flows/flow-import.js';
import { FlowWorkspace } from '../flows/flow-workspace.js';
import { flowView } from './flow-view.js';
import { edit, nextDocument } from './edits.js';
import { applied, editorProcedure, engineOf, flowInput, viewerProcedure } from './trpc.js';

const nameInput = z.string().trim().min(1, 'a flow needs a name').max(500);

/**
 * The text of an import; the exact limit (in UTF-8 bytes) is checked by `prepareImport`, this
 * only stops a string far past it before any work is done.
 */
const importText = z.string().max(MAX_IMPORT_BYTES * 2, 'an import takes at most 10 MB');

/** flows.list / get / create / rename / delete / export / import. */
export const flowProcedures = {
  list: viewerProcedure.query(({ ctx }) =>
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
  get: viewerProcedure
    .input(flowInput)
    .query(({ ctx, input }) =>
      flowView(ctx.workspace.registry, engineOf(ctx, input.flowId).document),
    ),
  create: editorProcedure.input(z.object({ name: nameInput })).mutation(async ({ ctx, input }) => {
    const engine = await ctx.workspace.create(input.name);
    return { id: engine.document.flow.id, name: engine.document.flow.name };
  }),
  rename: editorProcedure
    .input(flowInput.extend({ name: nameInput }))
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) =>
        nextDocument(current, () => ({ name: input.name })),
      );
      return { id: input.flowId, name: engine.document.flow.name };
    }),
  /** The flow's deterministic JSON, without secrets; two exports are byte-identical. */
  export: viewerProcedure
    .input(flowInput)
    .query(({ ctx, input }) =>
      exportFlow(FlowWorkspace.withRunStates(engineOf(ctx, input.flowId)), ctx.workspace.registry),
    ),
  /**
   * Creates a new flow from a Sluice flow document or a NiFi 2 flow definition. A bad document
   * is refused (BAD_REQUEST) with every issue by JSON path in the message and in `data.issues`.
   */
  import: editorProcedure
    .input(z.object({ json: importText, name: nameInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const prepared = prepareImport(input.json, ctx.workspace.registry, { name: input.name });
      if (!prepared.ok) throw new FlowValidationError(prepared.issues);
      const engine = await ctx.workspace.add(prepared.document);
      const { flow } = engine.document;
      return { id: flow.id, name: flow.name, format: prepared.format, report: prepared.report };
    }),
  delete: editorProcedure.input(flowInput).mutation(async ({ ctx, input }) => {
    engineOf(ctx, input.flowId);
    applied(await ctx.workspace.delete(input.flowId));
    return { deleted: input.flowId };
  }),
};
