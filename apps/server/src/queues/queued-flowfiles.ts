import type { FlowEngine, QueuedFlowFile } from '@sluice/engine';

/** Why a queued flowfile could not be looked up: the connection is unknown, or it left the queue. */
export class QueueLookupError extends Error {
  override readonly name = 'QueueLookupError';
  constructor(
    readonly code: 'NO_CONNECTION' | 'NOT_QUEUED',
    message: string,
  ) {
    super(message);
  }
}

/** The name a person knows a connection by (its name, else its relationships, else its id). */
export function connectionName(engine: FlowEngine, connectionId: string): string {
  const connection = engine.document.flow.connections.find((c) => c.id === connectionId);
  if (!connection) return connectionId;
  return connection.name || connection.relationships.join(', ') || connectionId;
}

/** Throws NO_CONNECTION unless the flow has the connection. */
export function requireConnection(engine: FlowEngine, connectionId: string): void {
  if (!engine.connections.has(connectionId)) {
    throw new QueueLookupError(
      'NO_CONNECTION',
      `No connection with id '${connectionId}' in flow '${engine.document.flow.name}'`,
    );
  }
}

function notQueued(engine: FlowEngine, connectionId: string, flowFileId: string): QueueLookupError {
  return new QueueLookupError(
    'NOT_QUEUED',
    `FlowFile '${flowFileId}' is not queued in connection '${connectionName(engine, connectionId)}' ` +
      'any more (a processor took it, it expired, or the queue was emptied); list the queue again',
  );
}

/** A flowfile queued in a connection, or NOT_QUEUED. */
export async function findQueuedFlowFile(
  engine: FlowEngine,
  connectionId: string,
  flowFileId: string,
): Promise<QueuedFlowFile> {
  requireConnection(engine, connectionId);
  const found = await engine.findQueued(connectionId, flowFileId);
  if (!found) throw notQueued(engine, connectionId, flowFileId);
  return found;
}

/**
 * Reads bytes `start` to `end` (exclusive) of a queued flowfile's content. Its content can be
 * deleted the moment it leaves the queue: a failed read of a flowfile no longer queued is
 * NOT_QUEUED, not an internal error.
 */
export async function readQueuedContent(
  engine: FlowEngine,
  connectionId: string,
  found: QueuedFlowFile,
  start: number,
  end: number,
): Promise<Buffer> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of engine.readContentRange(found.flowFile, start, end)) {
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    await stillQueued(engine, connectionId, found.flowFile.id);
    throw error;
  }
}

/** Throws NOT_QUEUED when the flowfile has left the queue. */
export async function stillQueued(
  engine: FlowEngine,
  connectionId: string,
  flowFileId: string,
): Promise<void> {
  if (!(await engine.findQueued(connectionId, flowFileId))) {
    throw notQueued(engine, connectionId, flowFileId);
  }
}
