import type { ContentSource, FlowFile, ProcessSession } from '@sluice/engine';

/** The Header, Footer and Demarcator of a Binary Concatenation, as bytes (absent when unset). */
export interface Delimiters {
  readonly header?: Uint8Array;
  readonly demarcator?: Uint8Array;
  readonly footer?: Uint8Array;
}

/** A merged content up to this size is built in memory; a larger one is streamed. */
const IN_MEMORY_LIMIT = 1024 * 1024;

/** Bytes of the merged content: the contents, the delimiters between and around them. */
export function concatenatedSize(flowFiles: readonly FlowFile[], delimiters: Delimiters): number {
  let size = (delimiters.header?.length ?? 0) + (delimiters.footer?.length ?? 0);
  size += Math.max(0, flowFiles.length - 1) * (delimiters.demarcator?.length ?? 0);
  for (const flowFile of flowFiles) size += flowFile.size;
  return size;
}

async function* stream(
  session: ProcessSession,
  flowFiles: readonly FlowFile[],
  delimiters: Delimiters,
): AsyncGenerator<Uint8Array> {
  const { header, demarcator, footer } = delimiters;
  if (header !== undefined) yield header;
  for (let i = 0; i < flowFiles.length; i++) {
    if (i > 0 && demarcator !== undefined) yield demarcator;
    yield* session.read(flowFiles[i]!);
  }
  if (footer !== undefined) yield footer;
}

/**
 * NiFi's Binary Concatenation: the header, each content in order with the demarcator between two,
 * then the footer. Small results are built in memory (and written with the session's other small
 * contents); large ones are streamed, so a bin of any size is never held whole.
 */
export async function concatenation(
  session: ProcessSession,
  flowFiles: readonly FlowFile[],
  delimiters: Delimiters,
): Promise<ContentSource> {
  if (concatenatedSize(flowFiles, delimiters) > IN_MEMORY_LIMIT) {
    return stream(session, flowFiles, delimiters);
  }
  const parts: Uint8Array[] = [];
  const { header, demarcator, footer } = delimiters;
  if (header !== undefined) parts.push(header);
  for (let i = 0; i < flowFiles.length; i++) {
    if (i > 0 && demarcator !== undefined) parts.push(demarcator);
    parts.push(await session.readBuffer(flowFiles[i]!));
  }
  if (footer !== undefined) parts.push(footer);
  return Buffer.concat(parts);
}
