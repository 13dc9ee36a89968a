import { setTimeout as sleep } from 'node:timers/promises';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import {
  deltaOf,
  isEmptyDelta,
  snapshotOf,
  type StatusDelta,
  type StatusSnapshot,
} from './status.js';
import { maskDeep, secretValues } from './secrets.js';
import { engineOf, flowInput, viewerProcedure } from './trpc.js';

/** One message of the live stream: a full snapshot first (and after a reconnect), then deltas. */
export type LiveMessage =
  | { readonly kind: 'snapshot'; readonly snapshot: StatusSnapshot }
  | { readonly kind: 'delta'; readonly delta: StatusDelta };

/** How often the live stream looks for changes (the issue asks for about once a second). */
export const LIVE_INTERVAL_MS = 1000;

/** status.snapshot and status.live. */
export const statusProcedures = {
  snapshot: viewerProcedure
    .input(flowInput)
    .query(({ ctx, input }) => snapshotOf(engineOf(ctx, input.flowId))),

  /**
   * Live stats over SSE. Each message is tracked with a sequence number; a client reconnecting
   * with its lastEventId gets a fresh full snapshot (numbered after the one it had), since a
   * snapshot is all a client needs to be current again, then deltas as before.
   */
  live: viewerProcedure
    .input(
      flowInput.extend({
        lastEventId: z.string().nullish(),
        intervalMs: z.number().int().min(100).max(60_000).optional(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const engine = engineOf(ctx, input.flowId);
      const resumed = Number(input.lastEventId);
      let sequence = Number.isSafeInteger(resumed) && resumed > 0 ? resumed : 0;
      let previous = snapshotOf(engine);
      const first: LiveMessage = { kind: 'snapshot', snapshot: previous };
      yield tracked(String(++sequence), maskDeep(first, secretValues(ctx.workspace)));
      const interval = input.intervalMs ?? LIVE_INTERVAL_MS;
      while (!signal?.aborted) {
        try {
          await sleep(interval, undefined, { signal });
        } catch {
          return;
        }
        if (ctx.workspace.get(input.flowId) !== engine) return;
        const next = snapshotOf(engine);
        const delta = deltaOf(previous, next);
        previous = next;
        if (isEmptyDelta(delta)) continue;
        const message: LiveMessage = { kind: 'delta', delta };
        yield tracked(String(++sequence), maskDeep(message, secretValues(ctx.workspace)));
      }
    }),
};
