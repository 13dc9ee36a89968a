import {
  WebHdfsError,
  type CreateOptions,
  type FileStatus,
  type WebHdfsClient,
} from '@sluice/webhdfs';
import { hdfsChild } from './hdfs-paths.js';

/** What to do when the target file already exists (NiFi's Conflict Resolution Strategy). */
export type ConflictStrategy = 'replace' | 'ignore' | 'fail' | 'append';

/** How the bytes reach the target (NiFi's Writing Strategy). */
export type WritingStrategy = 'writeAndRename' | 'simpleWrite';

/** How a new file is made: each absent one is HDFS's default. */
export type NewFileOptions = Pick<CreateOptions, 'permission' | 'blockSize' | 'replication'>;

/** One file to write. */
export interface HdfsWrite {
  readonly client: WebHdfsClient;
  /** Absolute and normalized. */
  readonly directory: string;
  readonly filename: string;
  readonly conflict: ConflictStrategy;
  readonly strategy: WritingStrategy;
  /** Octal permission, block size and replication of a new file; HDFS's defaults where absent. */
  readonly newFile: NewFileOptions;
  /** The bytes, streamed; called once per upload. */
  readonly content: () => AsyncIterable<Uint8Array>;
  /** The content's length in bytes. */
  readonly size: number;
  /**
   * Directories this processor found or made since it started: their check is skipped. Written
   * to when a directory is found or made. (A directory removed since is made again by CREATE,
   * which creates missing parents.)
   */
  readonly knownDirectories: DirectoryCache;
  readonly signal: AbortSignal;
}

/** Up to this many bytes, the target's check runs beside the upload instead of before it. */
export const CHECK_BESIDE_UPLOAD_BYTES = 1024 * 1024;

/** Directories known to exist, forgotten all at once when there are too many to keep. */
export class DirectoryCache {
  readonly #known = new Set<string>();

  constructor(private readonly limit = 10_000) {}

  has(directory: string): boolean {
    return this.#known.has(directory);
  }

  add(directory: string): void {
    if (this.#known.size >= this.limit) this.#known.clear();
    this.#known.add(directory);
  }
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
  let directoryCreated = false;
  if (!write.knownDirectories.has(directory)) {
    const directoryStatus = await client.getFileStatus(directory, { signal });
    if (directoryStatus && directoryStatus.type !== 'DIRECTORY') {
      return { kind: 'refused', reason: `${directory} already exists and is not a directory` };
    }
    directoryCreated = directoryStatus === undefined;
    if (directoryCreated && !(await client.mkdirs(directory, { signal }))) {
      return { kind: 'refused', reason: `${directory} could not be created` };
    }
    write.knownDirectories.add(directory);
  }

  // A small file's upload costs about one round trip more than the check, so the check runs
  // beside the upload of the dot file (on a conflict the dot file is then removed); a large
  // file is not uploaded before the check says it may be.
  const beside =
    write.strategy === 'writeAndRename' &&
    write.conflict !== 'append' &&
    write.size <= CHECK_BESIDE_UPLOAD_BYTES;
  if (beside) return renamed(write, files, target, directoryCreated, 'unchecked');

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
  const options = { ...write.newFile, signal };

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

  return renamed(write, files, target, directoryCreated, existing);
}

/**
 * Uploads to `.<filename>` and renames it to the target. `checked` is the target's status when
 * it was checked before (undefined: no such file); when 'unchecked', the check runs beside the
 * upload and a conflict found then removes the dot file.
 */
async function renamed(
  write: HdfsWrite,
  files: WrittenFiles,
  target: string,
  directoryCreated: boolean,
  checked: FileStatus | undefined | 'unchecked',
): Promise<WriteOutcome> {
  const { client, directory, signal } = write;
  const options = { ...write.newFile, signal };
  const dotFile = hdfsChild(directory, `.${write.filename}`);
  files.creating = dotFile;
  let existing = checked === 'unchecked' ? undefined : checked;
  // Overwrite: a dot file left by an earlier, interrupted attempt is ours to replace.
  const upload = client.create(dotFile, write.content(), { ...options, overwrite: true });
  if (checked === 'unchecked') {
    const check = client.getFileStatus(target, { signal });
    // Both settle before either's failure is thrown, so no request outlives the write.
    const [uploaded, status] = await Promise.allSettled([upload, check]);
    if (uploaded.status === 'rejected') throw uploaded.reason;
    files.complete = dotFile;
    if (status.status === 'rejected') throw status.reason;
    existing = status.value;
    const conflict = existing && conflictOf(write, existing, target, directoryCreated);
    if (conflict) {
      await client.delete(dotFile, { signal });
      files.complete = undefined;
      return conflict;
    }
  } else {
    await upload;
    files.complete = dotFile;
  }
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

/** What an existing target means for a write that has not touched it: undefined to go on and replace it. */
function conflictOf(
  write: HdfsWrite,
  existing: FileStatus,
  target: string,
  directoryCreated: boolean,
): WriteOutcome | undefined {
  if (existing.type !== 'FILE') {
    return { kind: 'refused', reason: `${target} exists and is a ${existing.type.toLowerCase()}` };
  }
  return write.conflict === 'replace' ? undefined : { kind: 'exists', directoryCreated };
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
