import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { LoginRefusedError } from '../auth/auth-service.js';
import { roleSchema } from '../auth/roles.js';
import { passwordSchema, usernameSchema, UserStoreError } from '../auth/user-store.js';
import { adminProcedure, publicProcedure, viewerProcedure, type ApiContext } from './trpc.js';

/** The auth service, or a clear refusal on a server that runs without login. */
function authOf(ctx: ApiContext) {
  if (!ctx.auth) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This server runs without authentication: there are no users to manage',
    });
  }
  return ctx.auth;
}

/** A user-store refusal as BAD_REQUEST with its message. */
async function userChange<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof UserStoreError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
    }
    throw error;
  }
}

/** auth.login / logout / me: the session cookie's life. */
export const authProcedures = {
  /** Who is logged in (null when nobody), and whether the server asks for a login at all. */
  me: publicProcedure.query(({ ctx }) => ({
    authentication: ctx.auth !== undefined,
    user: ctx.auth ? (ctx.user ?? null) : { username: 'local', role: 'admin' as const },
  })),

  login: publicProcedure
    .input(z.object({ username: z.string().max(200), password: z.string().max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const auth = authOf(ctx);
      try {
        const { user, token } = await auth.login(input.username.trim(), input.password);
        ctx.setSession?.(token);
        auth.audit.record({
          time: Date.now(),
          user: user.username,
          action: 'auth.login',
          outcome: 'done',
        });
        return { username: user.username, role: user.role };
      } catch (error) {
        if (!(error instanceof LoginRefusedError)) throw error;
        auth.audit.record({
          time: Date.now(),
          user: input.username.trim(),
          action: 'auth.login',
          outcome: 'refused',
          message: error.message,
        });
        throw new TRPCError({ code: 'UNAUTHORIZED', message: error.message });
      }
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    ctx.setSession?.(null);
    return { ok: true };
  }),
};

/** users.*: admins manage users; every user may change their own password. */
export const userProcedures = {
  list: adminProcedure.query(({ ctx }) => authOf(ctx).users.list()),

  add: adminProcedure
    .input(z.object({ username: usernameSchema, role: roleSchema, password: passwordSchema }))
    .mutation(({ ctx, input }) =>
      userChange(() => authOf(ctx).users.add(input.username, input.role, input.password)),
    ),

  update: adminProcedure
    .input(
      z.object({
        username: usernameSchema,
        role: roleSchema.optional(),
        password: passwordSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const auth = authOf(ctx);
      const user = await userChange(() =>
        auth.users.update(input.username, {
          ...(input.role ? { role: input.role } : {}),
          ...(input.password ? { password: input.password } : {}),
        }),
      );
      if (input.password) await auth.sessions.endAll(input.username);
      return user;
    }),

  remove: adminProcedure
    .input(z.object({ username: usernameSchema }))
    .mutation(async ({ ctx, input }) => {
      const auth = authOf(ctx);
      await userChange(() => auth.users.remove(input.username));
      await auth.sessions.endAll(input.username);
      return { ok: true };
    }),

  changePassword: viewerProcedure
    .input(z.object({ current: z.string().max(1024), password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const auth = authOf(ctx);
      const username = ctx.user!.username;
      if (!(await auth.users.verify(username, input.current))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'The current password is wrong' });
      }
      await auth.users.update(username, { password: input.password });
      return { ok: true };
    }),
};

/** audit.query: who changed, started or emptied what (admins). */
export const auditProcedures = {
  query: adminProcedure
    .input(
      z.object({
        user: z.string().max(200).optional(),
        flowId: z.string().max(200).optional(),
        action: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
    )
    .query(({ ctx, input }) => authOf(ctx).audit.query(input)),
};
