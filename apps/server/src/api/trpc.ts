import { initTRPC, TRPCError } from '@trpc/server';
import type { FlowEngine } from '@sluice/engine';
import { FlowValidationError } from '@sluice/flow-schema';
import { z } from 'zod';
import type { AuthService, SessionUser } from '../auth/auth-service.js';
import { ROLE_GRANTS, allows, type Role } from '../auth/roles.js';
import type { EditResult, FlowWorkspace } from '../flows/flow-workspace.js';
import { UnknownFlowError } from '../flows/flow-workspace.js';
import { auditEntry } from './audit-entry.js';
import { maskDeep, maskText, secretValues } from './secrets.js';

/** What every procedure sees. */
export interface ApiContext {
  readonly workspace: FlowWorkspace;
  /**
   * Users, sessions and the audit log. Without it (an app embedded in a test) there is no login
   * and every caller acts as the admin {@link LOCAL_USER}.
   */
  readonly auth?: AuthService;
  /** Who is calling: the user of the request's session cookie, if any. */
  readonly user?: SessionUser;
  /** Sets or clears the session cookie on the answer (login and logout). */
  readonly setSession?: (token: string | null) => void;
}

/** The caller when a server runs without authentication. */
export const LOCAL_USER: SessionUser = { username: 'local', role: 'admin' };

/** What each procedure declares: the least role that may call it, or `public` (login). */
export interface ProcedureMeta {
  readonly role: Role | 'public';
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
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

/**
 * Lets a call through only for a logged-in user whose role is at least `needed`: UNAUTHORIZED
 * without a session, FORBIDDEN with what the role lacks otherwise. Every call that changes
 * something (above viewer) is written to the audit log, refused ones too.
 */
function requireRole(needed: Role) {
  return t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
    if (!ctx.auth) return next({ ctx: { ...ctx, user: LOCAL_USER } });
    const user = ctx.user;
    if (!user) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in to use Sluice' });
    }
    const audited = needed !== 'viewer' && type === 'mutation';
    const record = async (outcome: 'done' | 'refused' | 'failed', message?: string) => {
      if (!audited) return;
      const raw = await getRawInput().catch(() => undefined);
      const secrets = secretValues(ctx.workspace);
      ctx.auth!.audit.record(
        auditEntry(user.username, path, raw, outcome, message && maskText(message, secrets)),
      );
    };
    if (!allows(user.role, needed)) {
      const message = `${user.username} is a ${user.role} and may not call ${path}: that needs the ${needed} role (${ROLE_GRANTS[needed]})`;
      await record('refused', message);
      throw new TRPCError({ code: 'FORBIDDEN', message });
    }
    const result = await next({ ctx: { ...ctx, user } });
    if (result.ok) await record('done');
    else {
      const refused = ['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'];
      await record(
        refused.includes(result.error.code) ? 'refused' : 'failed',
        result.error.message,
      );
    }
    return result;
  });
}

export const router = t.router;
/** A procedure anybody may call, logged in or not: only login and "who am I". */
export const publicProcedure = t.procedure
  .meta({ role: 'public' })
  .use(secretMasking)
  .use(errorMapping);

const roleProcedure = (role: Role) =>
  t.procedure.meta({ role }).use(secretMasking).use(errorMapping).use(requireRole(role));

/** Procedures every logged-in user may call: reads. */
export const viewerProcedure = roleProcedure('viewer');
/** Procedures for operators and above: start/stop, run once, enable/disable, empty a queue. */
export const operatorProcedure = roleProcedure('operator');
/** Procedures for editors and above: changes to a flow. */
export const editorProcedure = roleProcedure('editor');
/** Procedures for admins: users, parameters, settings. */
export const adminProcedure = roleProcedure('admin');

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
