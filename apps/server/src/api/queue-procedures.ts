import { TRPCError } from '@trpc/server';
import type { FlowEngine, QueueSortField } from '@sluice/engine';
import { z } from 'zod';
import { CONTENT_CHARSETS, decodeRange } from '../queues/content-text.js';
import {
  connectionName,
  findQueuedFlowFile,
  QueueLookupError,
  readQueuedContent,
  requireConnection,
} from '../queues/queued-flowfiles.js';
import { engineOf, flowInput, idInput, viewerProcedure } from './trpc.js';

/** The most bytes one content request returns; larger content is read range by range. */
export const MAX_CONTENT_RANGE = 1024 * 1024;

/** The most rows one listing page returns. */
export const MAX_LISTING_PAGE = 1000;

const SORT_FIELDS = [
  'position',
  'size',
  'queuedDate',
  'entryDate',
  'lineageStartDate',
] as const satisfies readonly QueueSortField[];

const queueInput = flowInput.extend({ connectionId: idInput });
const flowFileInput = queueInput.extend({ flowFileId: idInput });

const listInput = queueInput.extend({
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.number().int().min(1).max(MAX_LISTING_PAGE).default(100),
  sort: z.enum(SORT_FIELDS).default('position'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  /** Case-insensitive substring of an attribute value. */
  filter: z.string().max(1000).optional(),
  /** Filter on this attribute only (default: any attribute, the filename included). */
  attribute: z.string().min(1).max(500).optional(),
});

const contentInput = flowFileInput.extend({
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  length: z
    .number()
    .int()
    .min(1)
    .max(MAX_CONTENT_RANGE)
    .default(64 * 1024),
  /** `text` decodes with `charset`; `base64` and `hex` return the bytes as they are. */
  encoding: z.enum(['text', 'base64', 'hex']).default('text'),
  charset: z.enum(CONTENT_CHARSETS).default('utf-8'),
});

/** Runs a lookup, turning "not there" into NOT_FOUND with the lookup's message. */
async function lookup<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QueueLookupError) {
      throw new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
    }
    throw error;
  }
}

function connectionOf(engine: FlowEngine, connectionId: string) {
  requireConnection(engine, connectionId);
  return { id: connectionId, name: connectionName(engine, connectionId) };
}

/**
 * queues.list / flowFile / content: the queue inspector. Every queued flowfile of a connection
 * (swapped ones included) page by page, one flowfile's details, and its content by byte range.
 * Emptying a queue is `connections.empty`.
 */
export const queueProcedures = {
  list: viewerProcedure.input(listInput).query(({ ctx, input }) =>
    lookup(async () => {
      const engine = engineOf(ctx, input.flowId);
      const connection = connectionOf(engine, input.connectionId);
      const filter =
        input.filter !== undefined && input.filter !== ''
          ? { text: input.filter, ...(input.attribute ? { attribute: input.attribute } : {}) }
          : undefined;
      const page = await engine.listQueuePage(input.connectionId, {
        offset: input.offset,
        limit: input.limit,
        sort: input.sort,
        direction: input.direction,
        ...(filter ? { filter } : {}),
      });
      return { connection, ...page, flowFiles: [...page.flowFiles] };
    }),
  ),

  flowFile: viewerProcedure.input(flowFileInput).query(({ ctx, input }) =>
    lookup(async () => {
      const engine = engineOf(ctx, input.flowId);
      const connection = connectionOf(engine, input.connectionId);
      const { flowFile, position } = await findQueuedFlowFile(
        engine,
        input.connectionId,
        input.flowFileId,
      );
      return {
        connection,
        id: flowFile.id,
        position,
        filename: flowFile.attributes['filename'] ?? '',
        mimeType: flowFile.attributes['mime.type'] ?? null,
        attributes: { ...flowFile.attributes },
        size: flowFile.size,
        hasContent: flowFile.claim !== null && flowFile.size > 0,
        entryDate: flowFile.entryDate,
        lineageStartDate: flowFile.lineageStartDate,
        queuedDate:
          flowFile.queueOrder === undefined
            ? flowFile.entryDate
            : Math.floor(flowFile.queueOrder / 1000),
        penalizedUntil: flowFile.penalizedUntil,
        penalized: flowFile.penalizedUntil > Date.now(),
      };
    }),
  ),

  content: viewerProcedure.input(contentInput).query(({ ctx, input }) =>
    lookup(async () => {
      const engine = engineOf(ctx, input.flowId);
      const found = await findQueuedFlowFile(engine, input.connectionId, input.flowFileId);
      const size = found.flowFile.size;
      const offset = Math.min(input.offset, size);
      const end = Math.min(size, offset + input.length);
      const bytes = await readQueuedContent(engine, input.connectionId, found, offset, end);
      const range = { offset, size, encoding: input.encoding };
      switch (input.encoding) {
        case 'text': {
          const decoded = decodeRange(bytes, input.charset, end === size);
          // A range shorter than one character makes no progress: say so rather than loop.
          return {
            ...range,
            charset: input.charset,
            length: decoded.bytes,
            data: decoded.text,
            complete: offset + decoded.bytes >= size,
          };
        }
        case 'base64':
        case 'hex':
          return {
            ...range,
            charset: null,
            length: bytes.length,
            data: bytes.toString(input.encoding),
            complete: end >= size,
          };
        default: {
          const exhaustive: never = input.encoding;
          throw new Error(`unknown encoding ${String(exhaustive)}`);
        }
      }
    }),
  ),
};
