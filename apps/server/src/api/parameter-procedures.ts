import type { FlowDocument, Parameter, ParameterContext } from '@sluice/flow-schema';
import { z } from 'zod';
import { edit, nextDocument } from './edits.js';
import { adminProcedure, engineOf, flowInput, idInput, viewerProcedure } from './trpc.js';

/** What `#{name}` accepts (the expression language's rule, as NiFi's). */
const PARAMETER_NAME = /^[\p{L}\p{N} ._-]+$/u;

const parameterInput = z.object({
  name: z
    .string()
    .min(1, 'A parameter needs a name')
    .max(200)
    .regex(PARAMETER_NAME, "Parameter names may hold letters, digits, spaces, '.', '-' and '_'"),
  sensitive: z.boolean(),
  description: z.string().max(2000).optional(),
  /** For a sensitive parameter, absent keeps the value it has now (the browser never saw it). */
  value: z.string().max(1_000_000).optional(),
});

const contextInput = z
  .object({
    id: idInput,
    name: z.string().trim().min(1, 'A parameter context needs a name').max(200),
    description: z.string().max(2000).optional(),
    parameters: z.array(parameterInput).max(10_000),
  })
  .superRefine((context, issues) => {
    const seen = new Set<string>();
    context.parameters.forEach((parameter, index) => {
      if (seen.has(parameter.name)) {
        issues.addIssue({
          code: 'custom',
          path: ['parameters', index, 'name'],
          message: `Parameter '${parameter.name}' appears twice in context '${context.name}'`,
        });
      }
      seen.add(parameter.name);
    });
  });

/** A parameter as the browser sees it: a sensitive value only as set / not set. */
export type ParameterView = Omit<Parameter, 'value'> & {
  readonly value: string | { readonly set: boolean };
};

/** A flow's parameter contexts without their secrets, and the one the flow is bound to. */
export function parametersView(document: FlowDocument) {
  const { flow } = document;
  return {
    boundContextId: flow.parameterContextId ?? null,
    contexts: flow.parameterContexts.map((context) => ({
      ...context,
      parameters: context.parameters.map(({ value, ...parameter }): ParameterView =>
        parameter.sensitive
          ? { ...parameter, value: { set: value !== undefined } }
          : { ...parameter, value: value ?? '' },
      ),
    })),
  };
}

/**
 * The contexts an admin saved, with each sensitive value the browser left out taken from the
 * saved one. A parameter that stops being sensitive does not keep its hidden value: it would
 * show a secret in the clear.
 */
export function mergeContexts(
  current: readonly ParameterContext[],
  saved: readonly z.infer<typeof contextInput>[],
): ParameterContext[] {
  return saved.map((context) => {
    const before = current.find((c) => c.id === context.id);
    return {
      id: context.id,
      name: context.name,
      ...(context.description ? { description: context.description } : {}),
      parameters: context.parameters.map((parameter) => {
        const previous = before?.parameters.find((p) => p.name === parameter.name);
        const value =
          parameter.value ??
          (parameter.sensitive && previous?.sensitive ? previous.value : undefined);
        return {
          name: parameter.name,
          sensitive: parameter.sensitive,
          ...(parameter.description ? { description: parameter.description } : {}),
          ...(value !== undefined ? { value } : {}),
        };
      }),
    };
  });
}

/** parameters.get / save: a flow's parameter contexts, edited by admins. */
export const parameterProcedures = {
  get: viewerProcedure
    .input(flowInput)
    .query(({ ctx, input }) => parametersView(engineOf(ctx, input.flowId).document)),

  save: adminProcedure
    .input(
      flowInput.extend({
        contexts: z.array(contextInput).max(100),
        boundContextId: idInput.nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const engine = await edit(ctx, input.flowId, (current) =>
        nextDocument(current, (flow) => ({
          parameterContexts: mergeContexts(flow.parameterContexts, input.contexts),
          parameterContextId: input.boundContextId ?? undefined,
        })),
      );
      return parametersView(engine.document);
    }),
};
