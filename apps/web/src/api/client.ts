import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClientErrorLike,
} from '@trpc/client';
import type { AppRouter } from '@sluice/server';

/**
 * The editor's one API client: queries and mutations batched over HTTP, the live stats
 * subscription over SSE (which reconnects by itself and resumes with the last event id).
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc' }),
    }),
  ],
});

/** A tRPC error as the client receives it. */
export type ApiError = TRPCClientErrorLike<AppRouter>;

/** The message a person reads for a failed call, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
