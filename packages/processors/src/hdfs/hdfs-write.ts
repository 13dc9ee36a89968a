import { WebHdfsError, type WebHdfsClient } from '@sluice/webhdfs';
import { hdfsChild } from './hdfs-paths.js';

/** What to do when the target file already exists (NiFi's Conflict Resolution Strategy). */
export type ConflictStrategy = 'replace' | 'ignore' | 'fail' | 'append';

/** How the bytes reach the target (NiFi's Writing Strategy). */
export type WritingStrategy = 'writeAndRename' | 'simpleWrite';

/** One file to write. */
export interface HdfsWrite {
  readonly client: WebHdfsClient;
  /** Absolute and normalized. */
  readonly directory: string;
  readonly filename: string;
  readonly conflict: ConflictStrategy;
  readonly strategy: WritingStrategy;
  /** Octal permission of a new file; HDFS's default when undefined. */
  readonly permission: string | undefined;
  /** The bytes, streamed; called once per upload. */
  readonly content: () => AsyncIterable<Uint8Array>;
  readonly signal: AbortSignal;
}

/** How a written file came to be. */
export type WriteMethod = 'created' | 'renamed' | 'appended';

/** What became of a write that met no error. */
export type WriteOutcome =
  | {
      readonly kind: 'written';
      readonly method: WriteMethod;
      /** The path the bytes went to first: the dot file, or the target itself. */
      readonly via: string;
      readonly directoryCreated: boolean;
    }
  /** The target exists and the strategy is ignore or fail: nothing was written. */
  | { readonly kind: 'exists'; readonly directoryCreated: boolean }
  /** This file cannot be written (the path is a directory, the rename was refused). */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A failed write, and the file it was creating when it failed (the dot file or, for a simple
 * write, the target), which the caller should remove: it may hold part of the content.
 */
export class HdfsWriteError extends Error {
  override readonly name = 'HdfsWriteError';

  constructor(
    cause: unknown,
    readonly partialFile: string | undefined,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Writes one file as NiFi's PutHDFS does: creates the directory when it is missing, resolves a
 * conflict with an existing file, and streams the content either to `.<filename>` then renames it
 * (a reader never sees the final name with part of the content) or straight to the target.
 * Appending goes straight to the existing file, as in NiFi. Failures of WebHDFS calls are thrown
 * as {@link HdfsWriteError}.
 */
export async function writeToHdfs(write: HdfsWrite): Promise<WriteOutcome> {
  const files: WrittenFiles = { creating: undefined, complete: undefined };
  try {
    return await steps(write, files);
  } catch (error) {
    const partial =
      files.complete ??
      (files.creating !== undefined && mayHoldContent(write.client, error)
        ? files.creating
        : undefined);
    throw new HdfsWriteError(error, partial);
  }
}

/** The file an upload is creating, and a dot file whose upload completed but is not renamed yet. */
interface WrittenFiles {
  creating: string | undefined;
  complete: string | undefined;
}

async function steps(write: HdfsWrite, files: WrittenFiles): Promise<WriteOutcome> {
  const { client, directory, signal } = write;
  const target = hdfsChild(directory, write.filename);
  const directoryStatus = await client.getFileStatus(directory, { signal });
  if (directoryStatus && directoryStatus.type !== 'DIRECTORY') {
    return { kind: 'refused', reason: `${directory} already exists and is not a directory` };
  }
  const directoryCreated = directoryStatus === undefined;
  if (directoryCreated && !(await client.mkdirs(directory, { signal }))) {
    return { kind: 'refused', reason: `${directory} could not be created` };
  }

  const existing = await client.getFileStatus(target, { signal });
  if (existing && existing.type !== 'FILE') {
    return { kind: 'refused', reason: `${target} exists and is a ${existing.type.toLowerCase()}` };
  }
  if (existing) {
    switch (write.conflict) {
      case 'ignore':
      case 'fail':
        return { kind: 'exists', directoryCreated };
      case 'append':
        await client.append(target, write.content(), { signal });
        return { kind: 'written', method: 'appended', via: target, directoryCreated };
      case 'replace':
        break;
      default: {
        const exhaustive: never = write.conflict;
        throw new Error(`Unknown Conflict Resolution Strategy ${String(exhaustive)}`);
      }
    }
  }
  const options = {
    signal,
    ...(write.permission !== undefined && { permission: write.permission }),
  };

  if (write.strategy === 'simpleWrite') {
    files.creating = target;
    try {
      await client.create(target, write.content(), {
        ...options,
        overwrite: write.conflict === 'replace',
      });
    } catch (error) {
      // Created by someone else since the check: the same conflict, found later.
      if (isExists(error) && (write.conflict === 'ignore' || write.conflict === 'fail')) {
        return { kind: 'exists', directoryCreated };
      }
      throw error;
    }
    return { kind: 'written', method: 'created', via: target, directoryCreated };
  }

  const dotFile = hdfsChild(directory, `.${write.filename}`);
  files.creating = dotFile;
  // Overwrite: a dot file left by an earlier, interrupted attempt is ours to replace.
  await client.create(dotFile, write.content(), { ...options, overwrite: true });
  files.complete = dotFile;
  // Replacing: HDFS's rename does not overwrite, so the old file goes first, as late as possible.
  if (existing) await client.delete(target, { signal });
  if (await client.rename(dotFile, target, { signal })) {
    return { kind: 'written', method: 'renamed', via: dotFile, directoryCreated };
  }
  // The rename was refused: the target appeared since the check (another writer), or the
  // directory or the dot file went away. The dot file must not stay either way.
  await client.delete(dotFile, { signal });
  files.complete = undefined;
  const appeared = await client.getFileStatus(target, { signal });
  if (appeared && (write.conflict === 'ignore' || write.conflict === 'fail')) {
    return { kind: 'exists', directoryCreated };
  }
  return {
    kind: 'refused',
    reason: `Copied the content to ${dotFile} but HDFS refused to rename it to ${target}; the dot file was removed`,
  };
}

function isExists(error: unknown): boolean {
  return error instanceof WebHdfsError && error.code === 'exists';
}

/**
 * Whether a failure may have left content in the file being created. A failed NameNode request
 * created nothing (the DataNode creates the file); a refusal as `exists` is someone else's file.
 * A failed upload, or a content stream that failed, may leave part of the bytes.
 */
function mayHoldContent(client: WebHdfsClient, error: unknown): boolean {
  if (!(error instanceof WebHdfsError)) return true;
  if (error.code === 'exists') return false;
  const nameNode = new URL(client.url);
  return error.host !== client.url && error.host !== nameNode.origin;
}
