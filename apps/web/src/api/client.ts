import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClientErrorLike,
} from '@trpc/client';
import type { AppRouter } from '@sluice/server';
import { reportingFetch } from './connectivity.js';

/**
 * The editor's one API client: queries and mutations batched over HTTP, the live stats
 * subscription over SSE (which reconnects by itself and resumes with the last event id).
 * Every HTTP answer reports whether the server is reachable (see `connectivity.ts`).
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc', fetch: reportingFetch }),
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

/**
 * True when a call failed because the server could not be reached (no tRPC error came back),
 * not because the server refused it.
 */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const data = (error as { data?: unknown }).data;
  return error.name === 'TRPCClientError' && (data === undefined || data === null);
}
