import type { ComponentLog, FlowFile, ProcessSession } from '@sluice/engine';
import { DEFAULT_BATCH, forEachFlowFile, type BatchGuard } from './batch.js';

/** Content up to this size is read ahead while another flowfile is handled. */
const READ_AHEAD_LIMIT = 1024 * 1024;

/** How many flowfiles' content is read ahead of the one handled. */
const READ_AHEAD_WINDOW = 8;

/**
 * Why one flowfile goes to failure, thrown by a {@link forEachContent} handler; carried to the
 * failure attribute and a bulletin. Any other error fails the whole batch.
 */
export class ContentFailure extends Error {}

/** Where a content failure goes: the processor's log, and the attribute that carries the reason. */
export interface ContentFailureRouting {
  readonly log: ComponentLog;
  readonly failureAttribute: string;
}

/**
 * Hands each flowfile of a batch with its content to `handle`, reading the content of the next
 * few small ones ahead. A {@link ContentFailure} from `handle` routes that flowfile to `failure`
 * with the reason in `routing.failureAttribute` and an error bulletin.
 */
export async function forEachContent(
  session: ProcessSession,
  guard: BatchGuard,
  routing: ContentFailureRouting,
  handle: (flowFile: FlowFile, content: Buffer) => Promise<void>,
): Promise<void> {
  await forEachFlowFile<Buffer>(
    session,
    guard,
    DEFAULT_BATCH,
    async (flowFile, content) => {
      try {
        await handle(flowFile, content ?? (await session.readBuffer(flowFile)));
      } catch (error) {
        if (!(error instanceof ContentFailure)) throw error;
        routing.log.error(
          `Routed ${describeFlowFile(flowFile)} to failure: ${error.message}`,
          flowFile,
        );
        session.transfer(
          session.putAttribute(flowFile, routing.failureAttribute, error.message),
          'failure',
        );
      }
    },
    {
      window: READ_AHEAD_WINDOW,
      start: (flowFile) =>
        flowFile.size <= READ_AHEAD_LIMIT ? session.readBuffer(flowFile) : undefined,
    },
  );
}

/** A flowfile as messages name it: its filename (or id) and its id. */
export function describeFlowFile(flowFile: FlowFile): string {
  return `${flowFile.attributes['filename'] ?? flowFile.id} (${flowFile.id})`;
}
