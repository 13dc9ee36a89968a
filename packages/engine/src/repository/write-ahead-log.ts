import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, writeFully } from './durable-files.js';
import { decodeJsonPayload, encodeJsonFrame, scanFrames } from './record-framing.js';
import { RepositoryError } from './repository-error.js';
import type { WalOperation } from './wal-operation.js';
import { decodeWalRecord } from './wal-record.js';

const WAL_FILE_NAME = /^wal-(\d{12})\.log$/;
const FORMAT = 'sluice-wal';
/**
 * Log format versions: 1 holds JSON records only; 2 (written since) holds binary records
 * (wal-record.ts). Both are read; the header's version keeps an older reader from taking a
 * version 2 log for a damaged one.
 */
export const WAL_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

/** File name of the log of `generation` (one generation per checkpoint). */
export function walFileName(generation: number): string {
  return `wal-${String(generation).padStart(12, '0')}.log`;
}

/** The generation of a log file name, or undefined for any other file. */
export function walGeneration(name: string): number | undefined {
  const match = WAL_FILE_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/** Outcome of replaying one log file. */
export interface WalReplayResult {
  /** Offset just past the last complete record: appending resumes here. 0 if even the header is missing. */
  readonly validEnd: number;
  /** True when a torn final record was found (and ignored). */
  readonly torn: boolean;
  /** Number of records replayed. */
  readonly records: number;
  /** The log's format version (undefined if even the header is missing). */
  readonly version: number | undefined;
}

/**
 * Replays a log file: its header, then each record's operations in order. A torn final record
 * (the process died inside a write) is ignored; damage anywhere before it is an error naming the
 * file and the byte offset.
 */
export async function replayWal(
  path: string,
  onRecord: (operations: WalOperation[]) => void,
): Promise<WalReplayResult> {
  let headerSeen = false;
  let version: number | undefined;
  let records = 0;
  const result = await scanFrames(path, (payload) => {
    if (!headerSeen) {
      const header = decodeJsonPayload(payload) as Record<string, unknown> | null;
      if (header === null || typeof header !== 'object' || header['format'] !== FORMAT) {
        throw new Error('the first record is not a log header');
      }
      if (!READABLE_VERSIONS.includes(header['version']))
        throw new Error(`unsupported log version ${String(header['version'])}`);
      version = header['version'] as number;
      headerSeen = true;
      return;
    }
    onRecord(decodeWalRecord(payload));
    records++;
  });
  return { validEnd: headerSeen ? result.validEnd : 0, torn: result.torn, records, version };
}

/**
 * `O_DSYNC` where the platform has it: every write is durable when it completes, as if followed by
 * fdatasync, but in one system call, so an appended record costs one round trip to the thread
 * pool instead of two.
 */
const DSYNC: number | undefined = constants.O_DSYNC;

/**
 * One log file open for appending. Writes go at an explicit position so that a failed write can
 * be cut off with truncate() and the file stays a clean sequence of records.
 *
 * Opened with `durableWrites`, the file is written with O_DSYNC (where available) and every
 * append is durable, whatever its `sync` argument says.
 */
export class WalFile {
  private constructor(
    readonly path: string,
    readonly generation: number,
    private readonly handle: FileHandle,
    private size: number,
    private readonly dsync: boolean,
  ) {}

  /**
   * Creates (or empties) the log of `generation`, writes its header and makes both the file and
   * its directory entry durable before any record can depend on them.
   */
  static async create(dir: string, generation: number, durableWrites = false): Promise<WalFile> {
    const path = join(dir, walFileName(generation));
    const dsync = durableWrites && DSYNC !== undefined;
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC;
    const handle = await open(path, dsync ? flags | DSYNC! : flags);
    try {
      const header = encodeJsonFrame({ format: FORMAT, version: WAL_VERSION, generation });
      await writeFully(handle, header, 0);
      await handle.sync();
      await fsyncDirectory(dir);
      return new WalFile(path, generation, handle, header.length, dsync);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Opens a replayed log to continue it at `validEnd`, cutting off a torn final record: left in
   * place, it would sit in the middle of the log after the next append and read as corruption.
   */
  static async resume(
    dir: string,
    generation: number,
    validEnd: number,
    durableWrites = false,
  ): Promise<WalFile> {
    if (validEnd === 0) return WalFile.create(dir, generation, durableWrites);
    const path = join(dir, walFileName(generation));
    const dsync = durableWrites && DSYNC !== undefined;
    const handle = await open(path, dsync ? constants.O_RDWR | DSYNC! : constants.O_RDWR);
    try {
      const { size } = await handle.stat();
      if (size > validEnd) {
        await handle.truncate(validEnd);
        await handle.sync();
      }
      return new WalFile(path, generation, handle, validEnd, dsync);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes in the log. */
  get bytes(): number {
    return this.size;
  }

  /**
   * Appends already-framed records, fsyncing them when `sync` is set. A failed write is cut off
   * so the log stays parseable and the error is thrown; when even that fails, or the fsync fails
   * (after which the kernel may have dropped the dirty pages and a retry could falsely succeed),
   * a `FAILED` error is thrown and the log must not be used any more.
   */
  async append(data: Buffer, sync: boolean): Promise<void> {
    try {
      await writeFully(this.handle, data, this.size);
    } catch (error) {
      // An O_DSYNC write can fail in its flush, which is an fsync failure (see below).
      if (this.dsync && (error as NodeJS.ErrnoException).code === 'EIO') {
        throw new RepositoryError('FAILED', `${this.path}: write failed`, {
          file: this.path,
          cause: error,
        });
      }
      try {
        await this.handle.truncate(this.size);
      } catch (truncateError) {
        throw new RepositoryError('FAILED', `${this.path}: write failed and could not be undone`, {
          file: this.path,
          cause: truncateError,
        });
      }
      throw error;
    }
    if (sync && !this.dsync) {
      try {
        await this.handle.datasync();
      } catch (error) {
        throw new RepositoryError('FAILED', `${this.path}: fsync failed`, {
          file: this.path,
          cause: error,
        });
      }
    }
    this.size += data.length;
  }

  /** Closes the file handle. */
  async close(): Promise<void> {
    await this.handle.close();
  }
}
