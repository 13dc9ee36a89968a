import { TRPCError } from '@trpc/server';
import {
  eventContent,
  PROVENANCE_EVENT_TYPES,
  type FlowEngine,
  type ProvenanceEvent,
} from '@sluice/engine';
import { z } from 'zod';
import { previewOf, readPreview } from '../provenance/content-preview.js';
import { componentNames, detailsOf, rowOf } from '../provenance/event-view.js';
import { lineageView } from '../provenance/lineage-view.js';
import { secretBytes } from '../secrets/secret-bytes.js';
import { secretValues } from './secrets.js';
import {
  badRequest,
  engineOf,
  flowInput,
  idInput,
  viewerProcedure,
  type ApiContext,
} from './trpc.js';

/** Most rows one search answers. */
export const MAX_SEARCH_ROWS = 1000;
/** Most bytes one content preview reads. */
export const MAX_PREVIEW_BYTES = 64 * 1024;

const time = z.number().int().min(0).max(8.64e15);

const searchInput = flowInput
  .extend({
    componentId: idInput.optional(),
    flowFileId: z.string().trim().min(1).max(200).optional(),
    filename: z.string().min(1).max(500).optional(),
    types: z
      .array(z.enum(PROVENANCE_EVENT_TYPES))
      .min(1)
      .max(PROVENANCE_EVENT_TYPES.length)
      .optional(),
    from: time.optional(),
    to: time.optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_ROWS).default(100),
  })
  .refine((input) => input.from === undefined || input.to === undefined || input.from <= input.to, {
    message: "'from' is after 'to': the time range is empty",
    path: ['from'],
  });

const eventInput = flowInput.extend({
  eventId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

const sideInput = z.enum(['input', 'output']);

/** The event `eventId` of a flow, or NOT_FOUND saying it may have aged out. */
export async function eventOf(engine: FlowEngine, eventId: number): Promise<ProvenanceEvent> {
  const event = await engine.provenance.event(eventId);
  if (event === undefined) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `No provenance event ${eventId} in flow '${engine.document.flow.name}' (never recorded, or removed by provenance retention)`,
    });
  }
  return event;
}

function secretsOf(ctx: ApiContext): Buffer[] {
  return secretBytes(secretValues(ctx.workspace));
}

/** provenance.search / event / lineage / content: NiFi's provenance views, read-only. */
export const provenanceProcedures = {
  /** Events matching every given criterion, newest first, as compact rows. */
  search: viewerProcedure.input(searchInput).query(async ({ ctx, input }) => {
    const engine = engineOf(ctx, input.flowId);
    const { flowId: _flowId, limit, ...criteria } = input;
    const events = await engine.provenance.query({ ...criteria, limit, newestFirst: true });
    const names = componentNames(engine);
    return {
      events: events.map((event) => rowOf(event, names)),
      /** True when the limit cut the answer: older matches exist. */
      limited: events.length >= limit,
    };
  }),

  /** One event with its attributes before and after, lineage ids and content availability. */
  event: viewerProcedure.input(eventInput).query(async ({ ctx, input }) => {
    const engine = engineOf(ctx, input.flowId);
    return detailsOf(engine, await eventOf(engine, input.eventId));
  }),

  /** The lineage graph of a flowfile: its ancestors, descendants and their events. */
  lineage: viewerProcedure
    .input(flowInput.extend({ flowFileId: z.string().trim().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const engine = engineOf(ctx, input.flowId);
      const graph = await engine.provenance.lineage(input.flowFileId);
      if (!graph.nodes.some((node) => node.id === input.flowFileId)) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `No provenance events for flowfile '${input.flowFileId}' in flow '${engine.document.flow.name}'`,
        });
      }
      return lineageView(graph, input.flowFileId, componentNames(engine));
    }),

  /** A range of the content before (`input`) or after (`output`) an event, as text or hex. */
  content: viewerProcedure
    .input(
      eventInput.extend({
        side: sideInput,
        format: z.enum(['text', 'hex']).default('text'),
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        length: z.number().int().min(1).max(MAX_PREVIEW_BYTES).default(4096),
      }),
    )
    .query(async ({ ctx, input }) => {
      const engine = engineOf(ctx, input.flowId);
      const event = await eventOf(engine, input.eventId);
      const content = eventContent(event, input.side);
      if (content.kind === 'none') {
        throw badRequest(
          `Provenance event ${event.eventId} (${event.type}) records no ${input.side} content`,
        );
      }
      if (content.kind === 'empty') return previewOf(Buffer.alloc(0), 0, 0, input.format);
      const { claim } = content;
      if (input.offset > claim.length) {
        throw badRequest(
          `Offset ${input.offset} is past the end of the ${claim.length}-byte content`,
        );
      }
      const gone = new TRPCError({
        code: 'NOT_FOUND',
        message: `The ${input.side} content of provenance event ${event.eventId} is no longer available: the content repository has deleted it`,
      });
      if (!engine.content.holds(claim)) throw gone;
      try {
        const bytes = await readPreview(engine.content, claim, input, secretsOf(ctx));
        return previewOf(bytes, input.offset, claim.length, input.format);
      } catch (error) {
        // Deleted between the check and the read.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw gone;
        throw error;
      }
    }),
};
