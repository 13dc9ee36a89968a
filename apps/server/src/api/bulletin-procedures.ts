import { bulletinLevelSchema } from '@sluice/flow-schema';
import { z } from 'zod';
import { RECENT_BULLETINS_MS, type BulletinBadges } from './bulletin-badges.js';
import { engineOf, flowInput, idInput, viewerProcedure } from './trpc.js';

/** bulletins.query (searchable, paged newest first) and bulletins.summary (the cards' badges). */
export const bulletinProcedures = {
  /**
   * Bulletins newest first, filtered by component, minimum level, text (message or component
   * name) and time. For the next page, pass the id of the last bulletin of this one as
   * `beforeId`; ask for one more than shown to know whether there is a next page.
   */
  query: viewerProcedure
    .input(
      flowInput.extend({
        componentId: idInput.optional(),
        minLevel: bulletinLevelSchema.optional(),
        text: z.string().max(500).optional(),
        beforeId: z.number().int().min(1).optional(),
        since: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
    )
    .query(({ ctx, input }) => {
      const { flowId, ...query } = input;
      return engineOf(ctx, flowId).bulletins.query(query);
    }),

  /**
   * Per component, the bulletins posted since `since` (the last five minutes by default): how
   * many, the worst level and the latest messages; and the newest bulletin's id, from which a
   * client counts what it has not read. The live stream carries the same for the default window.
   */
  summary: viewerProcedure
    .input(flowInput.extend({ since: z.number().int().min(0).optional() }))
    .query(({ ctx, input }): BulletinBadges => {
      const { bulletins } = engineOf(ctx, input.flowId);
      return {
        lastId: bulletins.lastId,
        components: bulletins.summary(input.since ?? Date.now() - RECENT_BULLETINS_MS),
      };
    }),
};
