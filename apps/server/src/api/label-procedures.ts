import { labelStyleSchema, type Label } from '@sluice/flow-schema';
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
import { editorProcedure, flowInput, idInput, notFound } from './trpc.js';

const sizeInput = z.object({ width: z.number().finite(), height: z.number().finite() });

/** labels.add / update / delete. */
export const labelProcedures = {
  add: editorProcedure
    .input(
      flowInput.extend({
        text: z.string().max(100_000),
        position: positionInput,
        size: sizeInput.optional(),
        style: labelStyleSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const id = newId();
      const label: Label = {
        id,
        text: input.text,
        position: rounded(input.position),
        size: input.size ?? { width: 200, height: 80 },
        ...(input.style ? { style: input.style } : {}),
      };
      await edit(ctx, input.flowId, (current) =>
        nextDocument(current, (flow) => ({ labels: [...flow.labels, label] })),
      );
      return label;
    }),

  update: editorProcedure
    .input(
      flowInput.extend({
        id: idInput,
        text: z.string().max(100_000).optional(),
        position: positionInput.optional(),
        size: sizeInput.optional(),
        style: labelStyleSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) => {
        const existing = current.flow.labels.find((l) => l.id === input.id);
        if (!existing) throw notFound('label', input.id, current.flow.name);
        const updated: Label = {
          ...existing,
          ...(input.text !== undefined ? { text: input.text } : {}),
          ...(input.position ? { position: rounded(input.position) } : {}),
          ...(input.size ? { size: input.size } : {}),
          ...(input.style ? { style: input.style } : {}),
        };
        return nextDocument(current, (flow) => ({
          labels: flow.labels.map((l) => (l.id === input.id ? updated : l)),
        }));
      });
      return engine.document.flow.labels.find((l) => l.id === input.id)!;
    }),

  delete: editorProcedure
    .input(flowInput.extend({ ids: idsInput }))
    .mutation(async ({ ctx, input }) => {
      const ids = new Set(idList(input.ids));
      await edit(ctx, input.flowId, (current) => {
        requireIds('label', [...ids], current.flow.labels, current.flow);
        return nextDocument(current, (flow) => ({
          labels: flow.labels.filter((l) => !ids.has(l.id)),
        }));
      });
      return { deleted: [...ids] };
    }),
};
