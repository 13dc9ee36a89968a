import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, writeFully } from './durable-files.js';
import { decodeJsonPayload, encodeJsonFrame, scanFrames } from './record-framing.js';
import { RepositoryError } from './repository-error.js';
import { decodeOperations } from './wal-codec.js';
import type { WalOperation } from './wal-operation.js';

const WAL_FILE_NAME = /^wal-(\d{12})\.log$/;
const FORMAT = 'sluice-wal';

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
  let records = 0;
  const result = await scanFrames(path, (payload) => {
    const value = decodeJsonPayload(payload);
    if (!headerSeen) {
      const header = value as Record<string, unknown> | null;
      if (header === null || typeof header !== 'object' || header['format'] !== FORMAT) {
        throw new Error('the first record is not a log header');
      }
      if (header['version'] !== 1)
        throw new Error(`unsupported log version ${String(header['version'])}`);
      headerSeen = true;
      return;
    }
    onRecord(decodeOperations(value));
    records++;
  });
  return { validEnd: headerSeen ? result.validEnd : 0, torn: result.torn, records };
}

/**
 * One log file open for appending. Writes go at an explicit position so that a failed write can
 * be cut off with truncate() and the file stays a clean sequence of records.
 */
export class WalFile {
  private constructor(
    readonly path: string,
    readonly generation: number,
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  /**
   * Creates (or empties) the log of `generation`, writes its header and makes both the file and
   * its directory entry durable before any record can depend on them.
   */
  static async create(dir: string, generation: number): Promise<WalFile> {
    const path = join(dir, walFileName(generation));
    const handle = await open(path, 'w');
    try {
      const header = encodeJsonFrame({ format: FORMAT, version: 1, generation });
      await writeFully(handle, header, 0);
      await handle.sync();
      await fsyncDirectory(dir);
      return new WalFile(path, generation, handle, header.length);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Opens a replayed log to continue it at `validEnd`, cutting off a torn final record: left in
   * place, it would sit in the middle of the log after the next append and read as corruption.
   */
  static async resume(dir: string, generation: number, validEnd: number): Promise<WalFile> {
    if (validEnd === 0) return WalFile.create(dir, generation);
    const path = join(dir, walFileName(generation));
    const handle = await open(path, 'r+');
    try {
      const { size } = await handle.stat();
      if (size > validEnd) {
        await handle.truncate(validEnd);
        await handle.sync();
      }
      return new WalFile(path, generation, handle, validEnd);
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
    if (sync) {
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
