import { initTRPC, TRPCError } from '@trpc/server';
import type { FlowEngine } from '@sluice/engine';
import { FlowValidationError } from '@sluice/flow-schema';
import { z } from 'zod';
import type { EditResult, FlowWorkspace } from '../flows/flow-workspace.js';
import { UnknownFlowError } from '../flows/flow-workspace.js';
import { maskDeep, maskText, secretValues } from './secrets.js';

/** What every procedure sees. */
export interface ApiContext {
  readonly workspace: FlowWorkspace;
}

const t = initTRPC.context<ApiContext>().create({
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 30_000 },
  },
  // A person needs the code and the message; a stack trace tells them nothing and shows internals.
  // A refused flow document also gives every issue with its JSON path, for a UI to list.
  errorFormatter: ({ shape, error }) => {
    const { stack: _stack, ...data } = shape.data;
    const issues = error.cause instanceof FlowValidationError ? error.cause.issues : undefined;
    return { ...shape, data: issues ? { ...data, issues } : data };
  },
});

/** Turns known error values into typed tRPC errors a person can act on. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof UnknownFlowError) {
      throw new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause });
    }
    if (cause instanceof FlowValidationError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
    }
  }
  return result;
});

/**
 * Masks sensitive property values in every answer and error message: sensitive properties are
 * already shown as `{ set }`, but a validation message or a bulletin may quote a value.
 * Subscriptions mask their own messages.
 */
const secretMasking = t.middleware(async ({ ctx, next, type }) => {
  const result = await next();
  if (type === 'subscription') return result;
  const secrets = secretValues(ctx.workspace);
  if (secrets.length === 0) return result;
  if (!result.ok) {
    const masked = maskText(result.error.message, secrets);
    if (masked === result.error.message) return result;
    throw new TRPCError({ code: result.error.code, message: masked });
  }
  return { ...result, data: maskDeep(result.data, secrets) };
});

export const router = t.router;
export const procedure = t.procedure.use(secretMasking).use(errorMapping);

/** Input of every procedure that works on one flow. */
export const flowInput = z.object({ flowId: z.string().min(1) });

/** An id of a component of a flow. */
export const idInput = z.string().min(1).max(200);

/** The engine of a flow, or NOT_FOUND. */
export function engineOf(ctx: ApiContext, flowId: string): FlowEngine {
  const engine = ctx.workspace.get(flowId);
  if (!engine) throw new TRPCError({ code: 'NOT_FOUND', message: `No flow with id '${flowId}'` });
  return engine;
}

/** The result of an edit, or BAD_REQUEST with the engine's reasons. */
export function applied(result: EditResult): void {
  if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: result.reasons.join('; ') });
}

/** NOT_FOUND for a component id that is not in the flow. */
export function notFound(kind: string, id: string, flowName: string): TRPCError {
  return new TRPCError({
    code: 'NOT_FOUND',
    message: `No ${kind} with id '${id}' in flow '${flowName}'`,
  });
}

/** BAD_REQUEST with a message. */
export function badRequest(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message });
}
