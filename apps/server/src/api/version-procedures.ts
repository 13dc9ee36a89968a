import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { WORKING } from '../versions/flow-versions.js';
import type { GitIdentity } from '../versions/git-repository.js';
import { GitCommandError } from '../versions/git-runner.js';
import { gitReason } from '../versions/remote-errors.js';
import { pull } from '../versions/remote-pull.js';
import { MAX_REMOTE_URL_LENGTH } from '../versions/remote-url.js';
import { VersionError, type VersionErrorCode } from '../versions/version-error.js';
import { versioningOf } from '../versions/versions-of.js';
import {
  adminProcedure,
  editorProcedure,
  flowInput,
  viewerProcedure,
  type ApiContext,
} from './trpc.js';

/** A version: a commit hash (4 to 64 hex digits). */
const versionInput = z
  .string()
  .regex(/^[0-9a-fA-F]{4,64}$/, 'a version is a commit hash of 4 to 64 hex digits');

/** One side of a diff: a version, or `working` for the flow as it is now. */
const sideInput = z.union([z.literal(WORKING), versionInput]);

/**
 * The logged-in user as a commit's author (the committer stays Sluice). User names hold no `<`,
 * `>` or line break; one that is not an email gets a local address. None without a login.
 */
function authorOf(ctx: ApiContext): GitIdentity | undefined {
  const user = ctx.auth ? ctx.user : undefined;
  if (!user) return undefined;
  const email = user.username.includes('@') ? user.username : `${user.username}@sluice.local`;
  return { name: user.username, email };
}

/**
 * The tRPC codes of versioning errors. None is 502/503/504: the editor reads those as "the Sluice
 * server is down", and here it is a git remote that is.
 */
const CODES: Record<VersionErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_INPUT: 'BAD_REQUEST',
  NOTHING_TO_COMMIT: 'BAD_REQUEST',
  UNCOMMITTED_CHANGES: 'CONFLICT',
  ENGINE_REFUSED: 'CONFLICT',
  DIVERGED: 'CONFLICT',
  NO_REMOTE: 'PRECONDITION_FAILED',
  REMOTE_UNREACHABLE: 'PRECONDITION_FAILED',
  GIT_MISSING: 'PRECONDITION_FAILED',
  REMOTE_TIMEOUT: 'TIMEOUT',
  GIT_FAILED: 'INTERNAL_SERVER_ERROR',
};

/** Runs a versioning action, turning its errors into typed tRPC errors with their message. */
async function guarded<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof VersionError) {
      throw new TRPCError({ code: CODES[error.code], message: error.message, cause: error });
    }
    if (error instanceof GitCommandError) {
      throw new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        message: `git ${error.args[0] ?? ''} failed in the flows repository: ${gitReason(error.output)}`,
        cause: error,
      });
    }
    throw error;
  }
}

const of = (ctx: ApiContext) => versioningOf(ctx.workspace);

/**
 * versions.status / log / diff (reads), commit / restore / push / pull (editors), setRemote
 * (admins): git versioning of flows, see `src/versions/`.
 */
export const versionProcedures = {
  /** Whether the flow has changes since its last version, and that version. */
  status: viewerProcedure
    .input(flowInput)
    .query(({ ctx, input }) => guarded(() => of(ctx).versions.status(input.flowId))),
  /** The flow's versions, newest first. */
  log: viewerProcedure
    .input(flowInput.extend({ limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => guarded(() => of(ctx).versions.log(input.flowId, input.limit))),
  /** What differs from one side to the other, component by component, field by field. */
  diff: viewerProcedure
    .input(flowInput.extend({ from: sideInput, to: sideInput }))
    .query(({ ctx, input }) =>
      guarded(() => of(ctx).versions.diff(input.flowId, input.from, input.to)),
    ),
  /** Commits the flow's file (only it) with a message. */
  commit: editorProcedure
    .input(
      flowInput.extend({
        message: z
          .string()
          .trim()
          .min(1, 'a commit needs a message')
          .max(10_000, 'a commit message takes at most 10,000 characters')
          .refine(
            (message) => !message.includes('\0'),
            'a commit message cannot hold a NUL character',
          ),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(() => of(ctx).versions.commit(input.flowId, input.message, authorOf(ctx))),
    ),
  /**
   * Applies a version to the running flow as a new uncommitted change. Refused (CONFLICT) when
   * the flow has uncommitted changes unless `discardUncommitted`, or when the running flow
   * cannot take it (a running processor would change).
   */
  restore: editorProcedure
    .input(flowInput.extend({ version: versionInput, discardUncommitted: z.boolean().optional() }))
    .mutation(({ ctx, input }) =>
      guarded(async () => {
        const { restored } = await of(ctx).versions.restore(input.flowId, input.version, {
          discardUncommitted: input.discardUncommitted ?? false,
        });
        return { restored };
      }),
    ),
  /** The remote (its URL without credentials) and how far apart the histories were last seen. */
  remote: viewerProcedure.query(({ ctx }) => guarded(() => of(ctx).remote.info())),
  /** Sets the remote's URL, or removes it with null. */
  setRemote: adminProcedure
    .input(
      z.object({
        url: z.string().trim().max(MAX_REMOTE_URL_LENGTH, 'the remote URL is too long').nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(() => of(ctx).remote.setUrl(input.url === '' ? null : input.url)),
    ),
  /** Pushes every committed version to the remote. */
  push: editorProcedure.mutation(({ ctx }) => guarded(() => of(ctx).remote.push())),
  /** Fetches and fast-forwards, then applies the changed flows to the workspace. */
  pull: editorProcedure.mutation(({ ctx }) => guarded(() => pull(of(ctx).remote))),
};
